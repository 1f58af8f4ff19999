using ReasoningGraph.Audit;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The embedded store's stored log checkpoints (<see cref="ICheckpointStore"/>, INTEROP §8, as PostgreSQL keeps them):
/// storing one takes the write gate, so it orders with writes, checks the checkpoint's last event against the chain,
/// and journals the checkpoint's line and its own <c>reason.log.checkpoint</c> audit event as one batch, durable
/// together or not at all. On load the batch is checked like any other: its event must record the checkpoint (its id
/// and the SHA-256 of its note) and follow the events the checkpoint covers. Without a journal they are kept in memory.
/// Only the latest is kept in memory; it is what the interface serves.
/// </summary>
public sealed partial class InMemoryGraphStore : ICheckpointStore
{
    private StoredCheckpoint? _latestCheckpoint;
    private long _auditCount;

    /// <inheritdoc/>
    /// <remarks>Counted as events are written or replayed: no read of the journal.</remarks>
    public Task<long> CountAuditEventsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Interlocked.Read(ref _auditCount));
    }

    /// <inheritdoc/>
    public Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Volatile.Read(ref _latestCheckpoint));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Under the write gate: the latest stored size is read under it, so of two calls storing the same checkpoint one
    /// stores it and the other gets null. A checkpoint of the whole chain is checked against the head; one of a shorter
    /// prefix against the event read back from the journal (before the gate is taken: the chain's prefix never changes,
    /// so a long journal's read does not hold writes up). The audit event is signed inline, by the store's audit signer;
    /// a store without one refuses (<c>SIGNING_FAILURE</c>), as it does a signed snapshot.
    /// </remarks>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>: the store was opened read-only, or its journal failed.</exception>
    public async Task<StoredCheckpoint?> StoreCheckpointAsync(long treeSize, string lastEventHash, string signedNote, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(treeSize, 1);
        ArgumentNullException.ThrowIfNull(lastEventHash);
        ArgumentNullException.ThrowIfNull(signedNote);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (_readOnly)
        {
            throw GraphErrors.StoreUnavailable("This store was opened read-only (OpenReadOnly); it stores no checkpoints.");
        }

        if (_auditSigner is null)
        {
            throw new ReasoningGraphException(ErrorCodes.SigningFailure,
                "The embedded store has no audit signer, so it keeps no audit chain and cannot record a checkpoint on it: give the store an audit signer (the service's signing key).");
        }

        string? early = treeSize < Interlocked.Read(ref _auditCount) ? await HashAtAsync(treeSize, cancellationToken).ConfigureAwait(false) : null;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_latestCheckpoint is { } latest && latest.TreeSize >= treeSize)
            {
                return null; // an earlier call was first
            }

            long count = _auditCount;
            string? stored = treeSize > count ? null
                : treeSize == count ? _auditHead.Hash
                : early ?? await HashAtAsync(treeSize, cancellationToken).ConfigureAwait(false);
            if (stored != lastEventHash)
            {
                throw GraphErrors.InvalidPayload("treeSize", stored is null
                    ? $"The chain holds {count} events: a checkpoint of {treeSize} covers events it does not hold."
                    : $"Event {treeSize - 1} of the chain is {stored}, not {lastEventHash}: the checkpoint is of another history.", reason: "checkpoint-mismatch");
            }

            var at = AuditChain.NextTimestamp(_timeProvider.GetUtcNow(), _auditHead.CreatedAt);
            var id = Guid.CreateVersion7(at);
            var auditEvent = await AuditChain.CreateEventAsync(
                AuditEventTypes.CheckpointStored, id, StoredCheckpoint.EntityHash(signedNote), actor, _auditHead, at, _auditSigner, cancellationToken).ConfigureAwait(false);
            var checkpoint = new StoredCheckpoint(id, treeSize, signedNote, auditEvent.CreatedAt, auditEvent.Id);
            _journal?.AppendCheckpoint(checkpoint, auditEvent);
            Advance([auditEvent]);
            Volatile.Write(ref _latestCheckpoint, checkpoint);
            return checkpoint;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The hash of the chain's event at 1-based <paramref name="position"/>; null when the chain is shorter.</summary>
    private async Task<string?> HashAtAsync(long position, CancellationToken cancellationToken)
    {
        string? hash = null;
        long read = 0;
        await foreach (var auditEvent in ReadAuditEventsAsync(position, cancellationToken).ConfigureAwait(false))
        {
            hash = auditEvent.Hash;
            read++;
        }

        return read == position ? hash : null;
    }

    /// <summary>
    /// Replay: the checks of a <c>reason.log.checkpoint</c> event at 0-based <paramref name="position"/> of the chain.
    /// It must record a checkpoint journaled in its batch (naming it as its event, with its time), by id and the hash of
    /// its note; that checkpoint covers only events before this one and is larger than the latest stored before it.
    /// </summary>
    private static void CheckReplayedCheckpoint(AuditEvent auditEvent, long position, List<StoredCheckpoint> checkpoints, ref StoredCheckpoint? latest)
    {
        var (entityId, entityHash) = AuditCoverage.ReadEntity(auditEvent);
        var checkpoint = checkpoints.FirstOrDefault(c => c.Id == entityId);
        if (checkpoint is null || checkpoint.AuditEventId != auditEvent.Id || checkpoint.CreatedAt != auditEvent.CreatedAt
            || StoredCheckpoint.EntityHash(checkpoint.SignedNote) != entityHash)
        {
            throw Broken($"event {auditEvent.Id} does not record a checkpoint journaled in its batch with the note hash it names");
        }

        if (checkpoint.TreeSize < 1 || checkpoint.TreeSize > position)
        {
            throw Broken($"checkpoint {checkpoint.Id} covers {checkpoint.TreeSize} events, but its event is event {position} of the chain");
        }

        if (latest is not null && checkpoint.TreeSize <= latest.TreeSize)
        {
            throw Broken($"checkpoint {checkpoint.Id} covers {checkpoint.TreeSize} events, no more than checkpoint {latest.Id} stored before it");
        }

        latest = checkpoint;
    }
}
