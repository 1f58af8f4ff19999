using System.Runtime.CompilerServices;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Writing;

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

    /// <summary>The signed events of the created items (hashed by the planner), continuing the head; none without an audit signer.</summary>
    private async Task<AuditEvent[]> CreateAuditEventsAsync(WritePlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_auditSigner is null)
        {
            return [];
        }

        return await AuditChain.CreateItemEventsAsync(plan.Created, plan.EntityHashes, ActorOf, _auditHead, now, _auditSigner, cancellationToken: cancellationToken).ConfigureAwait(false);
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

        _log.Add(events);
        _auditHead = AuditChainHead.After(events[^1]);
        Interlocked.Add(ref _auditCount, events.Count);
    }

    private static string ActorOf(GraphItem item) => item switch
    {
        ReasoningNode n => n.Author,
        ReasoningAnnotation a => a.Author,
        _ => SystemActor,
    };
}
