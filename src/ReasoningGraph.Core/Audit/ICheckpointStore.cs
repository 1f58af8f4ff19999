namespace ReasoningGraph.Audit;

/// <summary>
/// A store that keeps its audit log's signed checkpoints durably (INTEROP §8), each recorded by an audit event of
/// its own (<see cref="AuditEventTypes.CheckpointStored"/>). Several hosts may store checkpoints of one graph: a
/// checkpoint no larger than the latest stored one is not stored again.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The number of events in the chain now (the size of a checkpoint of the whole chain).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    Task<long> CountAuditEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored checkpoint of the largest tree; null when none is stored.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The latest checkpoint, or null.</returns>
    Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a signed checkpoint and appends its audit event, in one step ordered with writes. The checkpoint must
    /// cover a prefix of the chain as stored: its last event must be the chain's event at that position.
    /// </summary>
    /// <param name="treeSize">The number of events the checkpoint covers (at least 1).</param>
    /// <param name="lastEventHash">The hash (hex) of event <paramref name="treeSize"/> − 1, checked against the stored chain.</param>
    /// <param name="signedNote">The signed note of the checkpoint.</param>
    /// <param name="actor">Who stores it (the audit event's <c>actor</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored checkpoint; null when one of this size or larger is already stored (nothing was written).</returns>
    /// <exception cref="Errors.ReasoningGraphException">
    /// <c>INVALID_PAYLOAD</c> when the chain holds fewer events or another event at that position; <c>SIGNING_FAILURE</c>
    /// when the audit event cannot be signed.
    /// </exception>
    Task<StoredCheckpoint?> StoreCheckpointAsync(long treeSize, string lastEventHash, string signedNote, string actor, CancellationToken cancellationToken = default);
}
