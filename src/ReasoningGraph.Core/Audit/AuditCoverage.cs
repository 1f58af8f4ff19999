using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Audit;

/// <summary>
/// Cross-checks a store's items against its audit chain, which the chain check alone cannot: every stored item has
/// exactly one <c>…created</c> event, whose <c>entityHash</c> is the hash of the item as stored now, and every item
/// event names a stored item. An item edited in the database, an item written around the chain and a deleted last
/// event whose item remains all show here.
/// </summary>
public static class AuditCoverage
{
    private const int MaxListedProblems = 100;

    /// <summary>Checks <paramref name="items"/> against the item events among <paramref name="events"/>.</summary>
    /// <param name="events">The chain's events, in any order (snapshot events are ignored).</param>
    /// <param name="items">Every stored item.</param>
    /// <param name="missingEventsUpToSeq">
    /// Report items without an event only up to this seq: on a live store, read it before the events, then the items
    /// as of the max seq read after them, so a write landing meanwhile is neither missing nor an orphan.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The counts and the first problems found.</returns>
    public static Task<AuditCoverageResult> CheckAsync(
        IAsyncEnumerable<AuditEvent> events, IAsyncEnumerable<GraphItem> items, long missingEventsUpToSeq = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return CheckAsync(events, () => items, missingEventsUpToSeq, cancellationToken);
    }

    /// <summary>
    /// As <see cref="CheckAsync(IAsyncEnumerable{AuditEvent}, IAsyncEnumerable{GraphItem}, long, CancellationToken)"/>, the
    /// items asked for only once every event is read: on a live store, read them as of the max seq read then, so an
    /// item whose event was read is never missing from them.
    /// </summary>
    /// <param name="events">The chain's events, in any order (snapshot events are ignored).</param>
    /// <param name="items">Gives every stored item, called after the events are read.</param>
    /// <param name="missingEventsUpToSeq">Report items without an event only up to this seq (read it before the events).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The counts and the first problems found.</returns>
    public static async Task<AuditCoverageResult> CheckAsync(
        IAsyncEnumerable<AuditEvent> events, Func<IAsyncEnumerable<GraphItem>> items, long missingEventsUpToSeq = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(items);
        var problems = new List<AuditCoverageProblem>();
        long problemCount = 0;
        void Add(Guid id, string kind, string message)
        {
            problemCount++;
            if (problems.Count < MaxListedProblems)
            {
                problems.Add(new AuditCoverageProblem(id, kind, message));
            }
        }

        var recorded = new Dictionary<Guid, (string Hash, bool Seen)>();
        long itemEvents = 0;
        await foreach (var auditEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (auditEvent.EventType is not (AuditEventTypes.NodeCreated or AuditEventTypes.EdgeCreated or AuditEventTypes.AnnotationCreated))
            {
                continue;
            }

            itemEvents++;
            var (entityId, entityHash) = ReadEntity(auditEvent);
            if (!recorded.TryAdd(entityId, (entityHash, false)))
            {
                Add(entityId, AuditCoverageProblem.DuplicateEvent, $"More than one event records the write of {entityId} (event {auditEvent.Id}).");
            }
        }

        long itemCount = 0;
        await foreach (var item in items().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            itemCount++;
            if (!recorded.TryGetValue(item.Id, out var entry))
            {
                if (item.Seq > missingEventsUpToSeq)
                {
                    continue;
                }

                Add(item.Id, AuditCoverageProblem.MissingEvent, $"The {item.Kind.ToString().ToLowerInvariant()} {item.Id} (seq {item.Seq}) has no audit event.");
                continue;
            }

            string hash = EntityHash.Of(item);
            if (hash != entry.Hash)
            {
                Add(item.Id, AuditCoverageProblem.HashMismatch, $"The {item.Kind.ToString().ToLowerInvariant()} {item.Id} (seq {item.Seq}) hashes to {hash}, but its audit event recorded {entry.Hash}: it changed after it was written.");
            }

            recorded[item.Id] = entry with { Seen = true };
        }

        foreach (var (id, entry) in recorded)
        {
            if (!entry.Seen)
            {
                Add(id, AuditCoverageProblem.OrphanEvent, $"An audit event records the write of {id}, which is not stored.");
            }
        }

        return new AuditCoverageResult { Items = itemCount, ItemEvents = itemEvents, ProblemCount = problemCount, Problems = problems };
    }

    /// <summary>The <c>entityId</c> and <c>entityHash</c> an event's payload records.</summary>
    internal static (Guid EntityId, string EntityHash) ReadEntity(AuditEvent auditEvent)
    {
        using var payload = JsonDocument.Parse(auditEvent.Payload);
        var root = payload.RootElement;
        return root.TryGetProperty("entityId", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var entityId)
            && root.TryGetProperty("entityHash", out var hash) && hash.ValueKind == JsonValueKind.String
            ? (entityId, hash.GetString()!)
            : throw new FormatException($"Audit event {auditEvent.Id} has no entityId and entityHash in its payload.");
    }
}

/// <summary>What <see cref="AuditCoverage.CheckAsync(IAsyncEnumerable{AuditEvent}, IAsyncEnumerable{GraphItem}, long, CancellationToken)"/> found.</summary>
public sealed record AuditCoverageResult
{
    /// <summary>The stored items checked.</summary>
    public required long Items { get; init; }

    /// <summary>The item events (node, edge and annotation writes) in the chain.</summary>
    public required long ItemEvents { get; init; }

    /// <summary>How many problems were found in all.</summary>
    public required long ProblemCount { get; init; }

    /// <summary>The first problems found (at most 100).</summary>
    public required IReadOnlyList<AuditCoverageProblem> Problems { get; init; }

    /// <summary>True when every item has exactly one matching event and every item event its item.</summary>
    public bool IsComplete => ProblemCount == 0;
}

/// <summary>One item the chain does not account for, or one event no item accounts for.</summary>
/// <param name="EntityId">The item's id.</param>
/// <param name="Kind">One of the constants of this type.</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record AuditCoverageProblem(Guid EntityId, string Kind, string Message)
{
    /// <summary>A stored item has no audit event.</summary>
    public const string MissingEvent = "missing-event";

    /// <summary>A stored item no longer hashes to its event's <c>entityHash</c>.</summary>
    public const string HashMismatch = "hash-mismatch";

    /// <summary>Two events record the write of the same item.</summary>
    public const string DuplicateEvent = "duplicate-event";

    /// <summary>An event records the write of an item that is not stored.</summary>
    public const string OrphanEvent = "orphan-event";
}
