using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Internal;
using ReasoningGraph.Storage.Writing;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// Group commit: small appends that arrive while a commit is under way wait for it (<see cref="GroupCommitQueue"/>) and
/// are then written together, in arrival order, in one transaction (one head lock, one multi-row insert per table, the
/// events signed in parallel, one commit).
/// </summary>
/// <remarks>
/// Each append is planned on its own against what the store and the earlier appends of the group hold, exactly as if
/// they had been committed one after the other: a conflict, a dangling reference or an invalid payload fails that
/// append alone and leaves nothing of it in the group. If the group's transaction itself fails (a database error the
/// planning could not foresee, a serialization failure), every append of it is retried in its own transaction, in
/// order, so a bad write still fails only its own caller; only a connection that broke after the writes were sent
/// fails the whole group with <c>STORE_UNAVAILABLE</c>, as a single write would (it may have committed).
/// The group's transaction does not observe the callers' cancellation tokens: once taken into a group, an append
/// completes (the command timeout bounds it); a caller cancelled while still queued is dropped.
/// </remarks>
public sealed partial class PostgresGraphStore
{
    /// <summary>Commits one group and completes each append of it; never throws.</summary>
    private async Task CommitGroupAsync(List<QueuedAppend> group)
    {
        if (await _expected.TryCommitAsync(group).ConfigureAwait(false))
        {
            return;
        }

        if (group.Count == 1)
        {
            await CompleteAloneAsync(group[0]).ConfigureAwait(false);
            return;
        }

        using var activity = StoreWriteSpan.Start(nameof(PostgresGraphStore), group.Sum(a => a.Batch.Count));
        StoreWriteSpan.SetGroupSize(activity, group.Count);
        var progress = new WriteProgress();
        Outcome[] outcomes;
        try
        {
            outcomes = await AppendGroupOnceAsync(group, progress).ConfigureAwait(false);
        }
        catch (Exception e) when (progress.WritesSent && PostgresErrors.IsBrokenConnection(e))
        {
            // The commit may or may not have happened: like a single write, report it and let callers replay by id.
            var error = _db.Unavailable(e);
            foreach (var append in group)
            {
                append.Done.TrySetException(error);
            }

            return;
        }
        catch (Exception e)
        {
            Log.GroupFellBack(_db.Logger, GraphId, group.Count, e.Message);
            foreach (var append in group)
            {
                await CompleteAloneAsync(append).ConfigureAwait(false);
            }

            return;
        }

        for (int i = 0; i < group.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                group[i].Done.TrySetException(error);
            }
            else
            {
                group[i].Done.TrySetResult(outcomes[i].Result!);
            }
        }
    }

    private async Task CompleteAloneAsync(QueuedAppend append)
    {
        try
        {
            append.Done.TrySetResult(await AppendAloneAsync(append.Batch, append.LookUp, append.CancellationToken, _ => append.TraceId).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (append.CancellationToken.IsCancellationRequested)
        {
            append.Done.TrySetCanceled(append.CancellationToken);
        }
        catch (Exception e)
        {
            append.Done.TrySetException(e);
        }
    }

    /// <summary>
    /// One transaction for the whole group. Appends that fail planning get their error and are left out (the planner
    /// takes back what they had planned); the others are written together and committed.
    /// </summary>
    private async Task<Outcome[]> AppendGroupOnceAsync(List<QueuedAppend> group, WriteProgress progress)
    {
        var cancellationToken = CancellationToken.None;
        var signer = _db.Signer();
        await _db.EnsureHeadAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeTransaction = transaction.ConfigureAwait(false);
        var lookUp = group.SelectMany(a => a.LookUp).Distinct().ToArray();
        var (head, stored) = await LockHeadAndLookUpAsync(connection, transaction, lookUp, cancellationToken).ConfigureAwait(false);
        var planner = new WritePlanner(head.MaxSeq, Planning);
        var lookup = new StoredItems(stored);
        var now = _db.Time.GetUtcNow();
        var outcomes = new Outcome[group.Count];
        var created = new List<GraphItem>();
        var hashes = new List<string>();
        var traceIds = new Dictionary<Guid, string?>();
        for (int i = 0; i < group.Count; i++)
        {
            try
            {
                var plan = planner.Plan(group[i].Batch, 0, lookup, now);
                outcomes[i] = new Outcome(plan.ToResult(), null);
                created.AddRange(plan.Created);
                hashes.AddRange(plan.EntityHashes);
                foreach (var item in plan.Created)
                {
                    traceIds[item.Id] = group[i].TraceId;
                }
            }
            catch (ReasoningGraphException e)
            {
                outcomes[i] = new Outcome(null, e);
            }
        }

        if (created.Count > 0)
        {
            head = await WriteCreatedAsync(connection, transaction, new PlannedWrite(created, hashes, head, now, planner.MaxSeq, item => traceIds[item.Id]), signer, progress, cancellationToken).ConfigureAwait(false);
            await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
        }

        _heads.Observed(head, stored.Values.Concat(created));
        return outcomes;
    }

    private readonly record struct Outcome(AppendResult? Result, ReasoningGraphException? Error);
}
