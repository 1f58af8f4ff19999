using Npgsql;
using NpgsqlTypes;
using ReasoningGraph.Audit;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// The snapshot store of the graph: rows of the <c>snapshots</c> table (exact bytes as <c>bytea</c>). Marking a snapshot
/// signed takes the graph-head lock like an append, so its <c>reason.snapshot.created</c> event joins the one linear
/// audit chain, and writes the proof and event in one transaction. The signed bytes are written once, with the pending
/// row: a signed document is those bytes with the proof spliced in, rebuilt on read (migration 0003). Obtained from
/// <see cref="PostgresGraphStore.Snapshots"/>, whose connections and audit chain it shares. Thread-safe.
/// </summary>
public sealed partial class PostgresSnapshotStore : ISnapshotStore
{
    private readonly GraphDatabase _db;
    private readonly SnapshotSql _statements;
    private readonly SnapshotWorkSql _workStatements;

    internal PostgresSnapshotStore(GraphDatabase db)
    {
        _db = db;
        _statements = new SnapshotSql(db.Options.Schema);
        _workStatements = new SnapshotWorkSql(db.Options.Schema);
    }

    /// <summary>The graph whose snapshots these are.</summary>
    public string GraphId => _db.GraphId;

    /// <inheritdoc/>
    public async Task<StoredSnapshot> PutPendingAsync(PendingSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            return await _db.WithReconnectAsync(async () =>
            {
                var insert = _db.DataSource.CreateCommand(_statements.InsertPending);
                await using (insert.ConfigureAwait(false))
                {
                    insert.Parameters.Add(InsertCommands.P("g", GraphId));
                    insert.Parameters.Add(InsertCommands.P("id", snapshot.Id));
                    insert.Parameters.Add(new NpgsqlParameter<string?>("request_id", NpgsqlDbType.Text) { TypedValue = snapshot.RequestId });
                    insert.Parameters.Add(InsertCommands.P("root_ids", snapshot.RootIds.ToArray()));
                    insert.Parameters.Add(InsertCommands.P("depth", snapshot.Depth));
                    insert.Parameters.Add(InsertCommands.P("audience", SnapshotRows.Audience(snapshot.Audience)));
                    insert.Parameters.Add(InsertCommands.P("created_at", snapshot.CreatedAt));
                    insert.Parameters.Add(InsertCommands.P("actor", snapshot.Actor));
                    insert.Parameters.Add(InsertCommands.P("signed_bytes", snapshot.SignedBytes.ToArray()));
                    if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string status)
                    {
                        var stored = StoredSnapshot.FromPending(snapshot);
                        return status == "on_hold" ? SnapshotRows.OnHold(stored) : stored;
                    }
                }

                // The request id was taken: answer with the snapshot stored under it.
                return await QuerySnapshotAsync(_statements.ByRequestId, InsertCommands.P("request_id", snapshot.RequestId!), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Snapshot request '{snapshot.RequestId}' conflicted but cannot be read.");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw _db.Unavailable(e);
        }
    }

    /// <summary>Whether signing is held, read under the audit head lock, which a hold's change takes as well.</summary>
    private async Task<bool> IsSigningHeldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = SnapshotRows.Command(connection, transaction, _statements.SigningHeld, GraphId);
        await using var disposeCommand = command.ConfigureAwait(false);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    /// <remarks>While signing is held the snapshot is put on hold instead and returned with that status.</remarks>
    public async Task<StoredSnapshot> MarkSignedAsync(Guid id, SignedSnapshot document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var signer = _db.Signer();

        // The document is normally the signed bytes with the proof spliced in: then only the proof is written (the bytes
        // went in with the pending row) and reads rebuild it. Anything else is stored whole. Checked before taking locks.
        byte[]? wholeDocument = SnapshotRows.IsRebuildable(document) ? null : document.Document.ToArray();
        try
        {
            await _db.EnsureHeadAsync(cancellationToken).ConfigureAwait(false);
            var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeTransaction = transaction.ConfigureAwait(false);
            var head = await _db.LockAuditHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var lockCommand = SnapshotRows.Command(connection, transaction, _statements.LockForSigning, GraphId, InsertCommands.P("id", id));
            (StoredSnapshot Snapshot, string SignedBytesHash)? locked;
            await using (lockCommand.ConfigureAwait(false))
            {
                locked = await SnapshotRows.ReadForSigningAsync(lockCommand, cancellationToken).ConfigureAwait(false);
            }

            if (locked is not { } row)
            {
                throw new ReasoningGraphException(ErrorCodes.NotFound, $"There is no snapshot {id}.");
            }

            if (row.Snapshot.Status == SnapshotStatus.Signed)
            {
                await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
                return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
            }

            if (row.Snapshot.Status == SnapshotStatus.OnHold || await IsSigningHeldAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                // Signing was held while this one was being signed: its signature is discarded, never published.
                var hold = SnapshotRows.Command(connection, transaction, _statements.PutOnHold, GraphId, InsertCommands.P("id", id));
                await using var disposeHold = hold.ConfigureAwait(false);
                await hold.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
                return SnapshotRows.OnHold(row.Snapshot);
            }

            if (!string.Equals(row.SignedBytesHash, document.Hash, StringComparison.Ordinal))
            {
                throw new ArgumentException("The signed document was made from other bytes than the pending snapshot's.", nameof(document));
            }

            var current = SnapshotRows.WithSignedBytes(row.Snapshot, document.SignedBytes);
            var auditEvent = await AuditChain.CreateEventAsync(
                AuditEventTypes.SnapshotCreated, id, document.Hash, current.Actor, head.Chain, _db.Time.GetUtcNow(), signer, cancellationToken).ConfigureAwait(false);
            var result = current.ToSigned(document, auditEvent.Id);
            var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    SnapshotRows.AuditEventCommand(_statements.InsertAuditEvent, GraphId, auditEvent, head.AuditPosition + 1, id),
                    InsertCommands.Command(_statements.UpdateAuditHead, GraphId,
                        InsertCommands.P("position", head.AuditPosition + 1), InsertCommands.P("hash", auditEvent.Hash), InsertCommands.P("created_at", auditEvent.CreatedAt)),
                    InsertCommands.Command(_statements.MarkSigned, GraphId,
                        InsertCommands.P("id", id), new NpgsqlParameter<byte[]?>("document", NpgsqlDbType.Bytea) { TypedValue = wholeDocument },
                        InsertCommands.P("hash", result.Hash!),
                        InsertCommands.P("signer_kid", result.SignerId!), InsertCommands.P("signature", result.Signature!), InsertCommands.P("audit_event_id", auditEvent.Id)),
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw _db.Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public Task<StoredSnapshot?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        QueryTranslatedAsync(_statements.ById, InsertCommands.P("id", id), cancellationToken);

    /// <inheritdoc/>
    public Task<StoredSnapshot?> GetByRequestIdAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return QueryTranslatedAsync(_statements.ByRequestId, InsertCommands.P("request_id", requestId), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Scans the graph's snapshots (no index on <c>root_ids</c>): snapshots are few next to graph items.</remarks>
    public Task<StoredSnapshot?> GetLatestSignedByRootAsync(Guid rootId, CancellationToken cancellationToken = default) =>
        QueryTranslatedAsync(_statements.LatestSignedByRoot, InsertCommands.P("root", rootId), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredSnapshot>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _db.ExecuteAsync(_statements.Pending, command =>
        {
            command.Parameters.Add(InsertCommands.P("limit", limit));
            return SnapshotRows.ReadAllAsync(command, cancellationToken);
        }, cancellationToken);
    }

    private Task<StoredSnapshot?> QueryTranslatedAsync(string sql, NpgsqlParameter key, CancellationToken cancellationToken) =>
        _db.ExecuteAsync(sql, command =>
        {
            command.Parameters.Add(key.Clone());
            return SnapshotRows.ReadOneAsync(command, cancellationToken);
        }, cancellationToken);

    private async Task<StoredSnapshot?> QuerySnapshotAsync(string sql, NpgsqlParameter key, CancellationToken cancellationToken)
    {
        var command = _db.DataSource.CreateCommand(sql);
        await using var disposeCommand = command.ConfigureAwait(false);
        command.Parameters.Add(InsertCommands.P("g", GraphId));
        command.Parameters.Add(key);
        return await SnapshotRows.ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

}
