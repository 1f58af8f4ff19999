using System.Diagnostics.CodeAnalysis;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The embedded store's stored log checkpoints (behind <see cref="InMemoryGraphStore"/>'s <see cref="ICheckpointStore"/>):
/// the latest one, and the checks of a checkpoint to store and of one replayed from the journal. Only the latest is kept
/// in memory: it is what the interface serves; the others stay in the journal.
/// </summary>
internal sealed class JournalCheckpoints
{
    private StoredCheckpoint? _latest;

    /// <summary>The latest stored checkpoint; null when none is.</summary>
    public StoredCheckpoint? Latest => Volatile.Read(ref _latest);

    /// <summary>Keeps a checkpoint just stored (under the write gate) or replayed as the latest.</summary>
    public void Add(StoredCheckpoint checkpoint) => Volatile.Write(ref _latest, checkpoint);

    /// <summary>Replay: the checkpoints of a batch already checked (<see cref="CheckReplayed"/>).</summary>
    public void Restore(List<StoredCheckpoint> replayed)
    {
        if (replayed.Count > 0)
        {
            Add(replayed.MaxBy(c => c.TreeSize)!);
        }
    }

    /// <summary>Refuses to store a checkpoint in a store opened read-only, or without an audit signer (the store then keeps no chain).</summary>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c> or <c>SIGNING_FAILURE</c>.</exception>
    public static void CheckCanStore(bool readOnly, [NotNull] IDigestSigner? auditSigner)
    {
        if (readOnly)
        {
            throw GraphErrors.StoreUnavailable("This store was opened read-only (OpenReadOnly); it stores no checkpoints.");
        }

        if (auditSigner is null)
        {
            throw new ReasoningGraphException(ErrorCodes.SigningFailure,
                "The embedded store has no audit signer, so it keeps no audit chain and cannot record a checkpoint on it: give the store an audit signer (the service's signing key).");
        }
    }

    /// <summary>The hash of the event at 1-based <paramref name="position"/> of <paramref name="chain"/>; null when it is shorter.</summary>
    public static async Task<string?> HashAtAsync(IAsyncEnumerable<AuditEvent> chain, long position, CancellationToken cancellationToken)
    {
        string? hash = null;
        long read = 0;
        await foreach (var auditEvent in chain.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            hash = auditEvent.Hash;
            read++;
        }

        return read == position ? hash : null;
    }

    /// <summary>Refuses a checkpoint whose last event is not the chain's event at its size (<paramref name="stored"/>, null when the chain of <paramref name="count"/> events is shorter).</summary>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c>, reason <c>checkpoint-mismatch</c>.</exception>
    public static void CheckLastEvent(long treeSize, string lastEventHash, string? stored, long count)
    {
        if (stored != lastEventHash)
        {
            throw GraphErrors.InvalidPayload("treeSize", stored is null
                ? $"The chain holds {count} events: a checkpoint of {treeSize} covers events it does not hold."
                : $"Event {treeSize - 1} of the chain is {stored}, not {lastEventHash}: the checkpoint is of another history.", reason: "checkpoint-mismatch");
        }
    }

    /// <summary>
    /// Replay: the checks of a <c>reason.log.checkpoint</c> event at 0-based <paramref name="position"/> of the chain.
    /// It must record a checkpoint journaled in its batch (naming it as its event, with its time), by id and the hash of
    /// its note; that checkpoint covers only events before this one and is larger than the latest stored before it.
    /// </summary>
    public static void CheckReplayed(AuditEvent auditEvent, long position, List<StoredCheckpoint> checkpoints, ref StoredCheckpoint? latest)
    {
        var (entityId, entityHash) = AuditCoverage.ReadEntity(auditEvent);
        var checkpoint = checkpoints.Find(c => c.Id == entityId);
        if (checkpoint is null || checkpoint.AuditEventId != auditEvent.Id || checkpoint.CreatedAt != auditEvent.CreatedAt
            || StoredCheckpoint.EntityHash(checkpoint.SignedNote) != entityHash)
        {
            throw ReplayedEvents.Broken($"event {auditEvent.Id} does not record a checkpoint journaled in its batch with the note hash it names");
        }

        if (checkpoint.TreeSize < 1 || checkpoint.TreeSize > position)
        {
            throw ReplayedEvents.Broken($"checkpoint {checkpoint.Id} covers {checkpoint.TreeSize} events, but its event is event {position} of the chain");
        }

        if (latest is not null && checkpoint.TreeSize <= latest.TreeSize)
        {
            throw ReplayedEvents.Broken($"checkpoint {checkpoint.Id} covers {checkpoint.TreeSize} events, no more than checkpoint {latest.Id} stored before it");
        }

        latest = checkpoint;
    }
}
