using ReasoningGraph.Model;
using ReasoningGraph.Storage.Writing;

namespace ReasoningGraph.Storage.InMemory;

public sealed partial class InMemoryGraphStore
{
    /// <summary>Seq is an <see cref="int"/> here (the log and the id index are arrays).</summary>
    private static readonly WritePlannerOptions PlannerOptions = new() { SeqLimit = int.MaxValue, SeqLimitMessage = "The in-memory store is full." };

    /// <inheritdoc/>
    public Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = StoreWriteSpan.Start(nameof(InMemoryGraphStore), batch.Count);
        lock (_writeLock)
        {
            var plan = Plan(batch, _timeProvider.GetUtcNow());
            if (plan.Created.Count > 0)
            {
                _journal?.Append(plan.Created);
                Apply(plan.Created);
            }

            StoreWriteSpan.SetCreated(activity, plan.Created.Count);
            return Task.FromResult(plan.ToResult());
        }
    }

    /// <summary>Applies a batch read back from the journal (times kept, nothing re-journaled).</summary>
    internal void ReplayBatch(GraphBatch batch) => Apply(Plan(batch, _timeProvider.GetUtcNow()).Created);

    /// <summary>Checks the batch against the current state and builds the items to write; changes nothing.</summary>
    private WritePlan Plan(GraphBatch batch, DateTimeOffset now)
    {
        var state = _state;
        return new WritePlanner(state.MaxSeq, PlannerOptions).Plan(batch, 0, new StateItems(state), now);
    }

    /// <summary>The published state as the planner looks items up in it.</summary>
    private readonly struct StateItems(StoreState state) : IStoredItems
    {
        public GraphItem? Find(Guid id)
        {
            int seq = state.Ids.Get(id, state.MaxSeq, new ItemIdResolver(state));
            return seq == 0 ? null : Materialize(state, seq);
        }
    }
}
