using System.Runtime.CompilerServices;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The embedded store's audit chain (INTEROP §4, the same rules as PostgreSQL's): with an audit signer, every
/// created item gets its signed, hash-linked event in the same journal batch as the item, so both are durable
/// together or not at all. Events are not kept in memory when there is a journal; they are read back from it.
/// On load every batch's events are checked against the chain's head and against the items they record.
/// </summary>
public sealed partial class InMemoryGraphStore : IAuditLog
{
    private readonly List<AuditEvent> _memoryEvents = [];
    private AuditChainHead _auditHead;

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditEvent> ReadAuditEventsAsync(long? limit = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit));
        }

        long remaining = limit ?? long.MaxValue;
        if (_journalPath is null)
        {
            AuditEvent[] events;
            lock (_memoryEvents)
            {
                events = [.. _memoryEvents];
            }

            foreach (var auditEvent in events.Take((int)Math.Min(remaining, events.Length)))
            {
                yield return auditEvent;
            }

            yield break;
        }

        // Only what was complete when the read began: a batch being appended meanwhile is not read half-written.
        long committed = _journal?.CommittedLength ?? _readOnlyLength;
        var file = new FileStream(_journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using var disposeFile = file.ConfigureAwait(false);
        using var reader = new JsonLineReader(file);
        while (remaining > 0 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } line && line.EndOffset <= committed)
        {
            if (AuditEventLine.Is(line))
            {
                remaining--;
                yield return AuditEventLine.Read(line);
            }
        }
    }

    /// <summary>Verifies the whole chain: hashes, links, signatures, strictly increasing time.</summary>
    /// <param name="verifier">Looks up public keys by signer id and checks signatures.</param>
    /// <param name="limit">Verify only the first N events; all when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The verdict.</returns>
    public Task<AuditChainVerification> VerifyAuditChainAsync(Signing.IDigestVerifier verifier, long? limit = null, CancellationToken cancellationToken = default) =>
        new AuditChainVerifier(verifier).VerifyAsync(ReadAuditEventsAsync(limit, cancellationToken), cancellationToken);

    /// <summary>Makes a pending snapshot durable (a journal batch of its own).</summary>
    internal async Task JournalPendingSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _journal?.AppendPendingSnapshot(snapshot);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Records a snapshot's signing on the graph's chain: its event, journaled with the signed document.</summary>
    internal async Task<AuditEvent> RecordSignedSnapshotAsync(Guid id, SignedSnapshot document, string actor, CancellationToken cancellationToken)
    {
        if (_auditSigner is null)
        {
            throw new ReasoningGraphException(ErrorCodes.SigningFailure, "The embedded store has no audit signer, so it cannot record a signed snapshot on its chain.");
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var auditEvent = await AuditChain.CreateEventAsync(
                AuditEventTypes.SnapshotCreated, id, document.Hash, actor, _auditHead, _timeProvider.GetUtcNow(), _auditSigner, cancellationToken).ConfigureAwait(false);
            _journal?.AppendSignedSnapshot(id, document, auditEvent);
            Advance([auditEvent]);
            return auditEvent;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The signed events of the created items, continuing the head; none without an audit signer.</summary>
    private async Task<AuditEvent[]> CreateAuditEventsAsync(IReadOnlyList<GraphItem> created, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_auditSigner is null)
        {
            return [];
        }

        var hashes = new string[created.Count];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = EntityHash.Of(created[i]);
        }

        return await AuditChain.CreateItemEventsAsync(created, hashes, ActorOf, _auditHead, now, _auditSigner, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the head past events that are now durable, adds them to the verifiable log (and keeps them when there is no journal).</summary>
    private void Advance(IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (_journalPath is null)
        {
            lock (_memoryEvents)
            {
                _memoryEvents.AddRange(events);
            }
        }

        AddToLog(events);
        _auditHead = AuditChainHead.After(events[^1]);
        Interlocked.Add(ref _auditCount, events.Count);
    }

    /// <summary>
    /// Checks a replayed batch's events: each links to the head and hashes to what it says, its time increases, and
    /// the item events record exactly the batch's items, in order, with their hashes; snapshot and checkpoint events record
    /// the snapshots signed and the checkpoints stored in the batch, and every checkpoint journaled has its event. A batch
    /// without events (written without an audit signer) is accepted; <c>audit-verify</c> lists its items as having no event.
    /// </summary>
    private void CheckReplayedEvents(IReadOnlyList<GraphItem> created, List<AuditEvent> events, Dictionary<Guid, string> signedSnapshots, List<StoredCheckpoint> checkpoints)
    {
        var head = _auditHead;
        int item = 0;
        long position = _auditCount;
        var latest = _checkpoints.Latest;
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

    internal static ReasoningGraphException Broken(string message) =>
        GraphErrors.InvalidPayload("journal", "The journal's audit chain is broken: " + message + ".", reason: "audit-chain-broken");

    private static string ActorOf(GraphItem item) => item switch
    {
        ReasoningNode n => n.Author,
        ReasoningAnnotation a => a.Author,
        _ => SystemActor,
    };
}
