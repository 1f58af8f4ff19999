using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The embedded store's stored log checkpoints (<see cref="ICheckpointStore"/>, INTEROP §8, as PostgreSQL keeps them):
/// a checkpoint's journal line and its own <c>reason.log.checkpoint</c> audit event are one batch, durable together or
/// not at all, checked on load like any batch (<see cref="JournalCheckpoints"/>). Without a journal they are kept in memory.
/// </summary>
public sealed partial class InMemoryGraphStore : ICheckpointStore
{
    private readonly JournalCheckpoints _checkpoints = new();
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
        return Task.FromResult(_checkpoints.Latest);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Under the write gate, which orders it with writes: of two calls storing the same checkpoint one stores it and the
    /// other gets null. A checkpoint of the whole chain is checked against the head; one of a shorter prefix against the
    /// event read back from the journal, before the gate is taken (the chain's prefix never changes, so a long journal's
    /// read does not hold writes up). The audit event is signed inline; a store without an audit signer refuses
    /// (<c>SIGNING_FAILURE</c>), as it does a signed snapshot.
    /// </remarks>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>: the store was opened read-only, or its journal failed.</exception>
    public async Task<StoredCheckpoint?> StoreCheckpointAsync(long treeSize, string lastEventHash, string signedNote, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(treeSize, 1);
        ArgumentNullException.ThrowIfNull(lastEventHash);
        ArgumentNullException.ThrowIfNull(signedNote);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        JournalCheckpoints.CheckCanStore(_readOnly, _auditSigner);
        string? early = treeSize < Interlocked.Read(ref _auditCount) ? await HashAtAsync(treeSize, cancellationToken).ConfigureAwait(false) : null;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_checkpoints.Latest is { } latest && latest.TreeSize >= treeSize)
            {
                return null; // an earlier call was first
            }

            long count = _auditCount;
            string? stored = treeSize > count ? null
                : treeSize == count ? _auditHead.Hash
                : early ?? await HashAtAsync(treeSize, cancellationToken).ConfigureAwait(false);
            JournalCheckpoints.CheckLastEvent(treeSize, lastEventHash, stored, count);
            var at = AuditChain.NextTimestamp(_timeProvider.GetUtcNow(), _auditHead.CreatedAt);
            var id = Guid.CreateVersion7(at);
            var auditEvent = await AuditChain.CreateEventAsync(
                AuditEventTypes.CheckpointStored, id, StoredCheckpoint.EntityHash(signedNote), actor, _auditHead, at, _auditSigner, cancellationToken).ConfigureAwait(false);
            var checkpoint = new StoredCheckpoint(id, treeSize, signedNote, auditEvent.CreatedAt, auditEvent.Id);
            _journal?.AppendCheckpoint(checkpoint, auditEvent);
            Advance([auditEvent]);
            _checkpoints.Add(checkpoint);
            return checkpoint;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Task<string?> HashAtAsync(long position, CancellationToken cancellationToken) =>
        JournalCheckpoints.HashAtAsync(ReadAuditEventsAsync(position, cancellationToken), position, cancellationToken);
}
