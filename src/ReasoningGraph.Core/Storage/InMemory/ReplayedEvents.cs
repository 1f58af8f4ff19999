using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The load-time check of the embedded store's journal (INTEROP §4 rules, as PostgreSQL's): a batch read back is
/// applied only when its audit events continue the chain and record exactly what the batch holds.
/// </summary>
internal static class ReplayedEvents
{
    /// <summary>
    /// Checks a replayed batch's events: each links to the head and hashes to what it says, its time increases, and
    /// the item events record exactly the batch's items, in order, with their hashes; snapshot and checkpoint events record
    /// the snapshots signed and the checkpoints stored in the batch, and every checkpoint journaled has its event. A batch
    /// without events (written without an audit signer) is accepted; <c>audit-verify</c> lists its items as having no event.
    /// </summary>
    /// <param name="head">The chain's head before the batch.</param>
    /// <param name="position">The number of events before the batch.</param>
    /// <param name="latest">The latest checkpoint stored before the batch.</param>
    /// <param name="created">The batch's items.</param>
    /// <param name="events">The batch's events.</param>
    /// <param name="signedSnapshots">The snapshots signed in the batch, and their signed bytes' hashes.</param>
    /// <param name="checkpoints">The checkpoints stored in the batch.</param>
    public static void Check(
        AuditChainHead head, long position, StoredCheckpoint? latest, IReadOnlyList<GraphItem> created, List<AuditEvent> events,
        Dictionary<Guid, string> signedSnapshots, List<StoredCheckpoint> checkpoints)
    {
        int item = 0;
        int recordedCheckpoints = 0;
        foreach (var auditEvent in events)
        {
            if (auditEvent.PrevHash != head.Hash)
            {
                throw Broken($"event {auditEvent.Id} links to {auditEvent.PrevHash ?? "nothing"}, but the chain ends at {head.Hash ?? "nothing"} (an event or a batch was removed or reordered)");
            }

            if (!AuditChain.ComputeHash(auditEvent.Payload.Span, auditEvent.PrevHash).AsSpan().SequenceEqual(Convert.FromHexString(auditEvent.Hash)))
            {
                throw Broken($"event {auditEvent.Id} does not hash to its hash (its payload or hash was changed)");
            }

            if (head.CreatedAt is { } previous && auditEvent.CreatedAt <= previous)
            {
                throw Broken($"event {auditEvent.Id} is not later than the event before it");
            }

            if (auditEvent.EventType == AuditEventTypes.SnapshotCreated)
            {
                var (entityId, entityHash) = AuditCoverage.ReadEntity(auditEvent);
                if (!signedSnapshots.TryGetValue(entityId, out string? hash) || hash != entityHash)
                {
                    throw Broken($"event {auditEvent.Id} does not record a snapshot signed in its batch with the hash it names");
                }
            }
            else if (auditEvent.EventType == AuditEventTypes.CheckpointStored)
            {
                JournalCheckpoints.CheckReplayed(auditEvent, position, checkpoints, ref latest);
                recordedCheckpoints++;
            }
            else
            {
                if (item >= created.Count || AuditChain.EventTypeFor(created[item].Kind) != auditEvent.EventType
                    || !RecordsItem(auditEvent, created[item]))
                {
                    throw Broken($"event {auditEvent.Id} does not record the batch's item {(item < created.Count ? created[item].Id : "(none)")} as stored (the item was changed, added or removed)");
                }

                item++;
            }

            head = AuditChainHead.After(auditEvent);
            position++;
        }

        if (events.Count > 0 && item != created.Count)
        {
            throw Broken($"the batch holds {created.Count} items but {item} item events");
        }

        if (recordedCheckpoints != checkpoints.Count)
        {
            throw Broken($"the batch holds {checkpoints.Count} checkpoints but {recordedCheckpoints} checkpoint events");
        }
    }

    private static bool RecordsItem(AuditEvent auditEvent, GraphItem item)
    {
        var (entityId, entityHash) = AuditCoverage.ReadEntity(auditEvent);
        return entityId == item.Id && entityHash == EntityHash.Of(item);
    }

    public static ReasoningGraphException Broken(string message) =>
        GraphErrors.InvalidPayload("journal", "The journal's audit chain is broken: " + message + ".", reason: "audit-chain-broken");
}
