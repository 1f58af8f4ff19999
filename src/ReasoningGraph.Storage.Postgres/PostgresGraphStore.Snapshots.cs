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
/// row: a signed document is those bytes with the proof spliced in, rebuilt on read (migration 0003).
/// </summary>
public sealed partial class PostgresGraphStore : ISnapshotStore
{
    private SnapshotSql? _snapshotSql;

    private SnapshotSql SnapshotStatements => _snapshotSql ??= new SnapshotSql(_options.Schema);

    /// <inheritdoc/>
    public async Task<StoredSnapshot> PutPendingAsync(PendingSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            return await WithReconnectAsync(async () =>
            {
                var insert = _dataSource.CreateCommand(SnapshotStatements.InsertPending);
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
                    if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is Guid)
                    {
                        return StoredSnapshot.FromPending(snapshot);
                    }
                }

                // The request id was taken: answer with the snapshot stored under it.
                return await QuerySnapshotAsync(SnapshotStatements.ByRequestId, InsertCommands.P("request_id", snapshot.RequestId!), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Snapshot request '{snapshot.RequestId}' conflicted but cannot be read.");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public async Task<StoredSnapshot> MarkSignedAsync(Guid id, SignedSnapshot document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var signer = Signer();

        // The document is normally the signed bytes with the proof spliced in: then only the proof is written (the bytes
        // went in with the pending row) and reads rebuild it. Anything else is stored whole. Checked before taking locks.
        byte[]? wholeDocument = SnapshotRows.IsRebuildable(document) ? null : document.Document.ToArray();
        try
        {
            await EnsureHeadAsync(cancellationToken).ConfigureAwait(false);
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeTransaction = transaction.ConfigureAwait(false);
            var head = await LockAuditHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var lockCommand = SnapshotRows.Command(connection, transaction, SnapshotStatements.LockForSigning, GraphId, InsertCommands.P("id", id));
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
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
            }

            if (!string.Equals(row.SignedBytesHash, document.Hash, StringComparison.Ordinal))
            {
                throw new ArgumentException("The signed document was made from other bytes than the pending snapshot's.", nameof(document));
            }

            var current = SnapshotRows.WithSignedBytes(row.Snapshot, document.SignedBytes);
            var auditEvent = await AuditChain.CreateEventAsync(
                AuditEventTypes.SnapshotCreated, id, document.Hash, current.Actor, head.Chain, _timeProvider.GetUtcNow(), signer, cancellationToken).ConfigureAwait(false);
            var result = current.ToSigned(document, auditEvent.Id);
            var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    SnapshotRows.AuditEventCommand(SnapshotStatements.InsertAuditEvent, GraphId, auditEvent, head.AuditPosition + 1, id),
                    InsertCommands.Command(SnapshotStatements.UpdateAuditHead, GraphId,
                        InsertCommands.P("position", head.AuditPosition + 1), InsertCommands.P("hash", auditEvent.Hash), InsertCommands.P("created_at", auditEvent.CreatedAt)),
                    InsertCommands.Command(SnapshotStatements.MarkSigned, GraphId,
                        InsertCommands.P("id", id), new NpgsqlParameter<byte[]?>("document", NpgsqlDbType.Bytea) { TypedValue = wholeDocument },
                        InsertCommands.P("hash", result.Hash!),
                        InsertCommands.P("signer_kid", result.SignerId!), InsertCommands.P("signature", result.Signature!), InsertCommands.P("audit_event_id", auditEvent.Id)),
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public Task<StoredSnapshot?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        QueryTranslatedAsync(SnapshotStatements.ById, InsertCommands.P("id", id), cancellationToken);

    /// <inheritdoc/>
    public Task<StoredSnapshot?> GetByRequestIdAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return QueryTranslatedAsync(SnapshotStatements.ByRequestId, InsertCommands.P("request_id", requestId), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Scans the graph's snapshots (no index on <c>root_ids</c>): snapshots are few next to graph items.</remarks>
    public Task<StoredSnapshot?> GetLatestSignedByRootAsync(Guid rootId, CancellationToken cancellationToken = default) =>
        QueryTranslatedAsync(SnapshotStatements.LatestSignedByRoot, InsertCommands.P("root", rootId), cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredSnapshot>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        try
        {
            return await WithReconnectAsync(async () =>
            {
                var command = _dataSource.CreateCommand(SnapshotStatements.Pending);
                await using var disposeCommand = command.ConfigureAwait(false);
                command.Parameters.Add(InsertCommands.P("g", GraphId));
                command.Parameters.Add(InsertCommands.P("limit", limit));
                return await SnapshotRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }
    }

    private async Task<StoredSnapshot?> QueryTranslatedAsync(string sql, NpgsqlParameter key, CancellationToken cancellationToken)
    {
        try
        {
            return await WithReconnectAsync(() => QuerySnapshotAsync(sql, key.Clone(), cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }
    }

    private async Task<StoredSnapshot?> QuerySnapshotAsync(string sql, NpgsqlParameter key, CancellationToken cancellationToken)
    {
        var command = _dataSource.CreateCommand(sql);
        await using var disposeCommand = command.ConfigureAwait(false);
        command.Parameters.Add(InsertCommands.P("g", GraphId));
        command.Parameters.Add(key);
        return await SnapshotRows.ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Locks the graph head (as appends do) and reads where the audit chain ends.</summary>
    private async Task<HeadState> LockAuditHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = SnapshotRows.Command(connection, transaction, _sql.LockHead, GraphId);
        await using var disposeCommand = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The head row of graph '{GraphId}' is missing.");
        }

        return new HeadState(
            reader.GetInt64(0),
            reader.GetInt64(1),
            new AuditChainHead(reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
    }
}
