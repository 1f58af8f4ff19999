using Npgsql;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Writing;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The expected write: one round trip instead of three when the store knows the graph head and every item a
/// group references (<see cref="HeadCache"/>: what it last committed or read). The group is planned and its events
/// linked and signed against the cached head before anything is sent; then one batch, without a transaction (so
/// PostgreSQL runs it as one implicit transaction), moves the head only if it is still the expected one and none of
/// the new ids is stored, and inserts the items and events. If the head moved (another host, a snapshot, a control
/// change) or an id exists, the head update fails, nothing of the batch stays, and the group takes the locked path
/// (<c>PostgresGraphStore.GroupCommit.cs</c>), which decides exactly as before (replays, conflicts, missing references).
/// </summary>
/// <remarks>
/// Signing happens before the head's row lock is taken, so a remote signer's latency is not spent holding it.
/// Nothing about the rows, the chain or the results differs from the locked path.
/// </remarks>
internal sealed class ExpectedWrite(GraphDatabase db, HeadCache heads, EventSigner events, WritePlannerOptions planning)
{
    /// <summary>
    /// Commits <paramref name="group"/> with the expected write and completes its appends; false (nothing written,
    /// nothing completed) when the cache cannot vouch for the group or the database's head was not the expected one.
    /// </summary>
    public async Task<bool> TryCommitAsync(List<QueuedAppend> group)
    {
        if (!heads.TryGetHead(out var head) || !TryPlanExpected(group, head, out var planned))
        {
            return false;
        }

        using var activity = StoreWriteSpan.Start(nameof(PostgresGraphStore), planned.Created.Count);
        StoreWriteSpan.SetGroupSize(activity, group.Count);
        var rows = ItemRows.For(planned.Created, head.AuditPosition + 1);
        try
        {
            rows.Events = await events.LinkAndSignAsync(planned.Created, planned.Hashes, head, planned.Now, db.Signer(), CancellationToken.None, planned.TraceIdOf)
                .ConfigureAwait(false);
        }
        catch (ReasoningGraphException e)
        {
            // Inline signing failed: every append of the group fails alike, as it would on the locked path.
            foreach (var append in group)
            {
                append.Done.TrySetException(e);
            }

            return true;
        }

        try
        {
            var connection = await db.DataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);
            var batch = new NpgsqlBatch(connection);
            await using var disposeBatch = batch.ConfigureAwait(false);
            InsertCommands.AddExpectedWrite(batch, db.Sql, db.GraphId, rows, head, planned.MaxSeq);
            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            // The server refused the batch, so none of it stayed: the head moved (23502), an id or position exists
            // (23505), or anything else the locked path will meet again and report in its own way.
            if (e.SqlState is PostgresErrorCodes.NotNullViolation or PostgresErrorCodes.UniqueViolation)
            {
                heads.Missed();
            }
            else
            {
                heads.Forget();
            }

            return false;
        }
        catch (Exception e)
        {
            // No connection, or no answer (it may have committed): the locked path settles it. Its lookup runs under
            // the head lock, after this batch's transaction if it is still running, so a batch that did commit is
            // found there and answered as a replay; one that did not is written.
            if (PostgresErrors.IsBrokenConnection(e))
            {
                db.DataSource.Clear();
            }

            heads.Forget();
            return false;
        }

        heads.Observed(rows.HeadAfter(planned.MaxSeq), planned.Created, expectedWrite: true);
        StoreWriteSpan.SetCreated(activity, planned.Created.Count);
        for (int i = 0; i < group.Count; i++)
        {
            group[i].Done.TrySetResult(planned.Results[i]);
        }

        return true;
    }

    /// <summary>
    /// Plans every append of <paramref name="group"/> on the cached head and items. False when any append would not
    /// create all of its items there (a replay, a conflict, a reference the cache does not hold, invalid input): the
    /// locked path then decides it against the database.
    /// </summary>
    private bool TryPlanExpected(List<QueuedAppend> group, HeadState head, out ExpectedPlan planned)
    {
        planned = default!;
        var known = new Dictionary<Guid, GraphItem>();
        heads.Find(group.SelectMany(a => a.LookUp), known);
        var planner = new WritePlanner(head.MaxSeq, planning);
        var lookup = new StoredItems(known);
        var now = db.Time.GetUtcNow();
        var created = new List<GraphItem>();
        var hashes = new List<string>();
        var traceIds = new Dictionary<Guid, string?>();
        var results = new AppendResult[group.Count];
        for (int i = 0; i < group.Count; i++)
        {
            WritePlan plan;
            try
            {
                plan = planner.Plan(group[i].Batch, 0, lookup, now);
            }
            catch (Exception e) when (e is ReasoningGraphException or InvalidOperationException or ArgumentException)
            {
                return false;
            }

            if (plan.Created.Count != group[i].Batch.Count)
            {
                return false;
            }

            results[i] = plan.ToResult();
            created.AddRange(plan.Created);
            hashes.AddRange(plan.EntityHashes);
            foreach (var item in plan.Created)
            {
                traceIds[item.Id] = group[i].TraceId;
            }
        }

        planned = new ExpectedPlan(created, hashes, results, now, planner.MaxSeq, item => traceIds[item.Id]);
        return true;
    }

    /// <summary>A group planned on the cached head: what it creates, each append's result, the head's new seq.</summary>
    private sealed record ExpectedPlan(
        List<GraphItem> Created, List<string> Hashes, AppendResult[] Results, DateTimeOffset Now, long MaxSeq, Func<GraphItem, string?> TraceIdOf);
}
