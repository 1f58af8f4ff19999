using ReasoningGraph.Audit;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The queue of group commit: appends that arrive while a group is being committed wait, and are then handed to
/// the committer together, in arrival order, up to a number of items. An append that finds no commit under way starts
/// one at once, so an idle store adds no wait. Owns its lock and queue; what committing a group means is the
/// store's (<c>PostgresGraphStore.GroupCommit.cs</c>).
/// </summary>
internal sealed class GroupCommitQueue(int maxItems, Func<List<QueuedAppend>, Task> commitGroup)
{
    private readonly Lock _lock = new();
    private readonly Queue<QueuedAppend> _queued = new();
    private bool _running;

    /// <summary>
    /// Queues an append; the task completes when its group has committed (or it failed on its own). Cancelled while
    /// still queued (a group ahead of it is blocked, say on a synchronous standby), it ends at once as cancelled and
    /// is never written; once taken into a group it completes with the group.
    /// </summary>
    public Task<AppendResult> AppendAsync(GraphBatch batch, Guid[] lookUp, CancellationToken cancellationToken)
    {
        var append = new QueuedAppend(batch, lookUp, cancellationToken);
        bool start;
        lock (_lock)
        {
            _queued.Enqueue(append);
            start = !_running;
            _running = true;
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    if (!append.Taken)
                    {
                        append.Done.TrySetCanceled(cancellationToken); // the committer skips it: its token is cancelled
                    }
                }
            });
            append.Done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (start)
        {
            // Started on the caller's thread (no hop to the thread pool: a sequential writer pays for none); the loop
            // goes on in the continuations of its own I/O.
            _ = CommitGroupsAsync();
        }

        return append.Done.Task;
    }

    /// <summary>Commits groups one after the other until nothing is queued.</summary>
    private async Task CommitGroupsAsync()
    {
        while (true)
        {
            var group = new List<QueuedAppend>();
            lock (_lock)
            {
                int items = 0;
                while (_queued.TryPeek(out var next) && (group.Count == 0 || items + next.Batch.Count <= maxItems))
                {
                    _queued.Dequeue();
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.Done.TrySetCanceled(next.CancellationToken);
                        continue;
                    }

                    next.Taken = true;
                    group.Add(next);
                    items += next.Batch.Count;
                }

                if (group.Count == 0)
                {
                    _running = false;
                    return;
                }
            }

            try
            {
                await commitGroup(group).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The committer reports failures through each append; one that escapes (a signer throwing something
                // unexpected, say) fails this group alone instead of ending the loop with later appends still queued.
                foreach (var append in group)
                {
                    append.Done.TrySetException(e);
                }
            }
        }
    }
}

/// <summary>One append waiting in (or taken into) a group, with the request's trace id for its audit events.</summary>
internal sealed class QueuedAppend(GraphBatch batch, Guid[] lookUp, CancellationToken cancellationToken)
{
    public GraphBatch Batch => batch;

    public Guid[] LookUp => lookUp;

    public CancellationToken CancellationToken => cancellationToken;

    public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Taken into a group (under the queue's lock): from then on it completes with the group, cancelled or not.</summary>
    public bool Taken { get; set; }

    /// <summary>The caller's trace id, taken on arrival: the group is committed in whichever caller's context started it.</summary>
    public string? TraceId { get; } = AuditChain.CurrentTraceId();
}
