using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;
using ReasoningGraph.Storage.Writing;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresGraphStore
{
    /// <summary>
    /// The store's planning rules: every created item is hashed for its audit event (unhashable JSON is
    /// <c>INVALID_PAYLOAD</c>), and text PostgreSQL cannot hold is rejected.
    /// </summary>
    private static readonly WritePlannerOptions Planning = new() { HashEntities = true, CheckInput = TextRules.Check };

    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// Round trips: one to lock the graph head and fetch every id the batch names or references; one with the item
    /// inserts (one array statement per table), the audit events (linked and signed just before) and the head update;
    /// and the commit. The head lock is held from the first round trip to the commit,
    /// which orders writers: seq and the audit chain follow commit order.
    /// </para>
    /// <para>
    /// Concurrent batches smaller than <see cref="PostgresStoreOptions.GroupCommitMaxItems"/> are committed together
    /// (group commit, <c>PostgresGraphStore.GroupCommit.cs</c>); each caller still gets its own result or its own error.
    /// </para>
    /// </remarks>
    public async Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var lookUp = WritePlanner.IdsToLookUp(batch, 0);
        if (batch.Count == 0)
        {
            return new AppendResult([], []);
        }

        return await (batch.Count < _db.Options.GroupCommitMaxItems
            ? _groups.AppendAsync(batch, lookUp, cancellationToken)
            : AppendAloneAsync(batch, lookUp, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// One batch in its own transaction, retried after serialization failures and on a dead pooled connection.
    /// <paramref name="traceIdOf"/>: the audit events' trace ids when not the current activity's (a group's fallback).
    /// </summary>
    private async Task<AppendResult> AppendAloneAsync(GraphBatch batch, Guid[] lookUp, CancellationToken cancellationToken, Func<GraphItem, string?>? traceIdOf = null)
    {
        using var activity = StoreWriteSpan.Start(nameof(PostgresGraphStore), batch.Count);
        bool reconnected = false;
        for (int attempt = 1; ; attempt++)
        {
            var progress = new WriteProgress();
            try
            {
                var result = await AppendOnceAsync(batch, lookUp, progress, traceIdOf, cancellationToken).ConfigureAwait(false);
                StoreWriteSpan.SetCreated(activity, result.Created.Count);
                return result;
            }
            catch (Exception e) when (PostgresErrors.IsRetryable(e) && attempt <= _db.Options.MaxWriteRetries)
            {
                Log.WriteRetried(_db.Logger, GraphId, (e as PostgresException)?.SqlState, attempt);
            }
            catch (Exception e) when (PostgresErrors.IsBrokenConnection(e) && !progress.WritesSent && !reconnected && !cancellationToken.IsCancellationRequested)
            {
                // A dead pooled connection failed before anything was written: retry once on a fresh one.
                Log.Reconnecting(_db.Logger, GraphId, e.Message);
                _db.DataSource.Clear();
                reconnected = true;
            }
            catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
            {
                throw _db.Unavailable(e);
            }
        }
    }

    private async Task<AppendResult> AppendOnceAsync(
        GraphBatch batch, Guid[] lookUp, WriteProgress progress, Func<GraphItem, string?>? traceIdOf, CancellationToken cancellationToken)
    {
        var signer = _db.Signer();
        await _db.EnsureHeadAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeTransaction = transaction.ConfigureAwait(false);
        var (head, stored) = await LockHeadAndLookUpAsync(connection, transaction, lookUp, cancellationToken).ConfigureAwait(false);
        var planner = new WritePlanner(head.MaxSeq, Planning);
        var now = _db.Time.GetUtcNow();
        var plan = planner.Plan(batch, 0, new StoredItems(stored), now);
        if (plan.Created.Count > 0)
        {
            head = await WriteCreatedAsync(connection, transaction, new PlannedWrite(plan.Created, plan.EntityHashes, head, now, planner.MaxSeq, traceIdOf), signer, progress, cancellationToken)
                .ConfigureAwait(false);
            await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
        }

        _heads.Observed(head, stored.Values.Concat(plan.Created));
        return plan.ToResult();
    }

    /// <summary>
    /// Inserts planned items and their audit events and moves the head, inside the caller's transaction (not committed),
    /// in one round trip. The events are linked and signed first: a local key signs in microseconds, far less than
    /// the round trip it saves, and a remote signer's answer (bounded by the budget in deferred mode) replaces the
    /// round trip that used to send the items while it signed. A write whose events cannot be signed inline sends
    /// nothing at all. Returns the head after the write.
    /// </summary>
    private async Task<HeadState> WriteCreatedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PlannedWrite write, IDigestSigner signer, WriteProgress progress, CancellationToken cancellationToken)
    {
        var rows = ItemRows.For(write.Created, write.Head.AuditPosition + 1);
        rows.Events = await _events.LinkAndSignAsync(write.Created, write.Hashes, write.Head, write.Now, signer, cancellationToken, write.TraceIdOf).ConfigureAwait(false);
        var insert = new NpgsqlBatch(connection, transaction);
        await using (insert.ConfigureAwait(false))
        {
            InsertCommands.AddItems(insert, _db.Sql, GraphId, rows);
            InsertCommands.AddEvents(insert, _db.Sql, GraphId, rows, write.MaxSeq);
            progress.WritesSent = true;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return rows.HeadAfter(write.MaxSeq);
    }

    /// <summary>
    /// Locks the graph head (waiting for other writers of the graph to commit) and then, in the same round trip and
    /// therefore with a snapshot taken after the lock was granted, reads every item among <paramref name="ids"/>.
    /// </summary>
    /// <remarks>
    /// A head row that is gone (a restore to before the graph existed, under a running store) is created again in the
    /// same transaction, once: the graph starts afresh, as it would for a store started on that database.
    /// </remarks>
    private async Task<(HeadState Head, Dictionary<Guid, GraphItem> Stored)> LockHeadAndLookUpAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken, bool created = false)
    {
        var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                InsertCommands.Command(_db.Sql.LockHead, GraphId),
                InsertCommands.Command(_db.Sql.ItemsById, GraphId, InsertCommands.P("ids", ids)),
            },
        };
        await using var disposeBatch = batch.ConfigureAwait(false);
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (created)
            {
                throw new InvalidOperationException($"The head row of graph '{GraphId}' is missing.");
            }

            await reader.DisposeAsync().ConfigureAwait(false);
            var ensure = InsertCommands.Command(_db.Sql.EnsureHead, GraphId);
            var insert = new NpgsqlBatch(connection, transaction) { BatchCommands = { ensure } };
            await using (insert.ConfigureAwait(false))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return await LockHeadAndLookUpAsync(connection, transaction, ids, cancellationToken, created: true).ConfigureAwait(false);
        }

        var head = new HeadState(
            reader.GetInt64(0),
            reader.GetInt64(1),
            new AuditChainHead(reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var stored = new Dictionary<Guid, GraphItem>(ids.Length);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = ItemReader.Read(reader);
            stored[item.Id] = item;
        }

        return (head, stored);
    }

    /// <summary>
    /// Items planned for one transaction: the created items with their entity hashes, continuing <c>Head</c> up to
    /// <c>MaxSeq</c>; <c>TraceIdOf</c> gives each item's request trace id when several requests commit together.
    /// </summary>
    private sealed record PlannedWrite(
        IReadOnlyList<GraphItem> Created, IReadOnlyList<string> Hashes, HeadState Head, DateTimeOffset Now, long MaxSeq, Func<GraphItem, string?>? TraceIdOf = null);

    /// <summary>Whether a failed attempt may already have sent its writes (then it is never retried blindly).</summary>
    private sealed class WriteProgress
    {
        public bool WritesSent { get; set; }
    }
}
