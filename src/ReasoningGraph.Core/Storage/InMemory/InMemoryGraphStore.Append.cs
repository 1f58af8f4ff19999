using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Writing;

namespace ReasoningGraph.Storage.InMemory;

public sealed partial class InMemoryGraphStore
{
    /// <summary>Seq is an <see cref="int"/> here (the log and the id index are arrays).</summary>
    private static readonly WritePlannerOptions PlannerOptions = new() { SeqLimit = int.MaxValue, SeqLimitMessage = "The in-memory store is full." };

    /// <summary>With an audit signer the planner also hashes the created items (reusing a validated batch's canonical members).</summary>
    private static readonly WritePlannerOptions HashingPlannerOptions = new() { SeqLimit = int.MaxValue, SeqLimitMessage = PlannerOptions.SeqLimitMessage, HashEntities = true };

    /// <inheritdoc/>
    public async Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        if (_readOnly)
        {
            throw GraphErrors.StoreUnavailable("This store was opened read-only (OpenReadOnly); it takes no writes.");
        }

        using var activity = StoreWriteSpan.Start(nameof(InMemoryGraphStore), batch.Count);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            var plan = Plan(batch, now, hash: _auditSigner is not null);
            if (plan.Created.Count > 0)
            {
                // Signed before anything is kept: a signer failure (SIGNING_FAILURE) writes nothing.
                var events = await CreateAuditEventsAsync(plan, now, cancellationToken).ConfigureAwait(false);
                _journal?.Append(plan.Created, events);
                Apply(plan.Created);
                Advance(events);
            }

            StoreWriteSpan.SetCreated(activity, plan.Created.Count);
            return plan.ToResult();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Applies a batch read back from the journal (times kept, nothing re-journaled), after checking its audit events.</summary>
    internal void ReplayBatch(JournalBatch batch)
    {
        var created = Plan(batch.Items, _timeProvider.GetUtcNow(), hash: false).Created;
        foreach (var record in batch.Snapshots.Where(r => r.Pending is not null))
        {
            Snapshots.Restore(record.Pending!);
        }

        var signedHashes = batch.Snapshots.Where(r => r.Signed is not null)
            .ToDictionary(r => r.Id, r => Snapshots.SignedBytesHash(r.Id) ?? throw ReplayedEvents.Broken($"snapshot {r.Id} is signed but was never stored pending"));
        ReplayedEvents.Check(_auditHead, _auditCount, _checkpoints.Latest, created, batch.Events, signedHashes, batch.Checkpoints);
        Apply(created);
        _checkpoints.Restore(batch.Checkpoints);

        foreach (var record in batch.Snapshots.Where(r => r.Signed is not null))
        {
            Snapshots.RestoreSigned(record.Id, record.Signed!, batch.Events);
        }

        Advance(batch.Events);
    }

    /// <summary>Checks the batch against the current state and builds the items to write; changes nothing.</summary>
    private WritePlan Plan(GraphBatch batch, DateTimeOffset now, bool hash)
    {
        var state = _state;
        return new WritePlanner(state.MaxSeq, hash ? HashingPlannerOptions : PlannerOptions).Plan(batch, 0, new StateItems(state), now);
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
