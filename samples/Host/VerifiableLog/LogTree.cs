using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// A graph's audit chain as read at one moment and the RFC 6962 tree over it (INTEROP §8): its checkpoint, the
/// inclusion proof of one event and the consistency proof between two sizes — what <c>reasoning-graph log</c> prints
/// and the service's <c>/reason/log/*</c> endpoints answer, from the same code. It holds the whole chain: proofs are
/// built from every leaf (no stored interior hashes yet).
/// </summary>
internal sealed class LogTree
{
    /// <summary>The graph id of the embedded store's log (PostgreSQL's default graph id too).</summary>
    public const string EmbeddedGraphId = "default";

    private readonly List<AuditEvent> _events;
    private readonly List<byte[]> _leafData;
    private List<byte[]>? _leafHashes;

    /// <summary>The tree over <paramref name="events"/>, in chain order.</summary>
    public LogTree(List<AuditEvent> events)
    {
        _events = events;
        _leafData = [.. events.Select(e => Convert.FromHexString(e.Hash))];
    }

    /// <summary>The number of events: the current tree size.</summary>
    public long Size => _events.Count;

    /// <summary>The events' hashes (32 bytes each), the tree's leaf data, in chain order.</summary>
    public IReadOnlyList<byte[]> LeafData => _leafData;

    /// <summary>Reads every event of <paramref name="log"/>.</summary>
    public static async Task<LogTree> ReadAsync(IAuditLog log, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        await foreach (var e in log.ReadAuditEventsAsync(null, cancellationToken))
        {
            events.Add(e);
        }

        return new LogTree(events);
    }

    /// <summary>The default origin of a store's log: <c>reasoning-graph/&lt;graph id&gt;</c>, the embedded store's graph being <see cref="EmbeddedGraphId"/>.</summary>
    public static string DefaultOrigin(PostgresStoreOptions? database) => LogCheckpoint.DefaultOrigin(database?.GraphId ?? EmbeddedGraphId);

    /// <summary>The checkpoint of the whole chain.</summary>
    public LogCheckpoint Checkpoint(string origin) => LogCheckpoint.Of(origin, _leafData);

    /// <summary>
    /// The position of the first event that records <paramref name="entityId"/> (its payload's <c>entityId</c>), of type
    /// <paramref name="eventType"/> when one is given; null when there is none.
    /// </summary>
    public long? IndexOf(Guid entityId, string? eventType = null)
    {
        string id = entityId.ToString();
        for (int i = 0; i < _events.Count; i++)
        {
            if (eventType is not null && _events[i].EventType != eventType)
            {
                continue;
            }

            using var payload = JsonDocument.Parse(_events[i].Payload);
            if (payload.RootElement.TryGetProperty("entityId", out var recorded) && recorded.ValueEquals(id))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Why no inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> can be given; null when one can.</summary>
    public ProofRangeProblem? InclusionProblem(long index, long treeSize) =>
        treeSize < 1 || treeSize > Size ? new("treeSize", $"The chain holds {Size} events: a tree size is 1 to {Size}, not {treeSize}.")
        : index < 0 || index >= treeSize ? new("index", $"A leaf index in a tree of {treeSize} events is 0 to {treeSize - 1}, not {index}.")
        : null;

    /// <summary>Why no consistency proof from <paramref name="from"/> to <paramref name="to"/> can be given; null when one can.</summary>
    public ProofRangeProblem? ConsistencyProblem(long from, long to) =>
        to < 1 || to > Size ? new("to", $"The chain holds {Size} events: a tree size is 1 to {Size}, not {to}.")
        : from < 1 || from > to ? new("from", $"A consistency proof runs from a tree of 1 to {to} events (the later size), not {from}.")
        : null;

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/>; check <see cref="InclusionProblem"/> first.</summary>
    public InclusionProof InclusionProof(long index, long treeSize) =>
        new(index, treeSize, _leafData[(int)index], MerkleLog.InclusionProof(LeafHashes(), (int)index, (int)treeSize));

    /// <summary>The consistency proof from the tree of <paramref name="from"/> to that of <paramref name="to"/>; check <see cref="ConsistencyProblem"/> first.</summary>
    public ConsistencyProof ConsistencyProof(long from, long to) =>
        new(from, to, MerkleLog.ConsistencyProof(LeafHashes(), (int)from, (int)to));

    private List<byte[]> LeafHashes() => _leafHashes ??= [.. _leafData.Select(d => MerkleLog.LeafHash(d))];
}
