using System.Collections.Frozen;
using ReasoningGraph.Model;

namespace ReasoningGraph;

/// <summary>Settings of the Reasoning Graph service. Validated at start-up; one error lists every problem.</summary>
public sealed class ReasoningGraphOptions
{
    /// <summary>The default <see cref="MaxPayloadBytes"/>: 256 KB.</summary>
    public const int DefaultMaxPayloadBytes = 256 * 1024;

    /// <summary>Accepted node types (ordinal, case-sensitive). Default: <see cref="WellKnownNodeTypes.All"/>.</summary>
    public ISet<string> NodeTypes { get; } = new HashSet<string>(WellKnownNodeTypes.All, StringComparer.Ordinal);

    /// <summary>Accepted edge types (ordinal, case-sensitive). Default: <see cref="WellKnownEdgeTypes.All"/>.</summary>
    public ISet<string> EdgeTypes { get; } = new HashSet<string>(WellKnownEdgeTypes.All, StringComparer.Ordinal);

    /// <summary>The largest accepted payload (node or annotation), in UTF-8 bytes of its JSON. Default: 262,144.</summary>
    public int MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;

    /// <summary>The deepest a walk may go; larger requested depths are capped to it. Default: 64.</summary>
    public int MaxTraversalDepth { get; set; } = 64;

    /// <summary>The page size of walks and queries when none is requested. Default: 100.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest page size a caller may request. Default: 1,000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The most items (nodes plus edges) an ordered causal trace collects before it is truncated. Default: 10,000.</summary>
    public int MaxCausalTraceItems { get; set; } = 10_000;

    /// <summary>
    /// The HMAC-SHA256 key that authenticates cursors, at least 16 bytes. Default: empty, meaning a random key
    /// made at start-up (cursors then do not outlive the process or work across instances).
    /// </summary>
    public ReadOnlyMemory<byte> CursorKey { get; set; }

    /// <summary>
    /// How many paged walks keep their materialized state in memory so that a later page resumes in time
    /// independent of how many pages came before. 0 disables the cache. Default: 64.
    /// </summary>
    public int TraversalCacheCapacity { get; set; } = 64;

    /// <summary>How long an unused walk state is kept. Default: 5 minutes.</summary>
    public TimeSpan TraversalCacheExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The limits the engines enforce, as of now (called once the options are validated).</summary>
    internal GraphLimits ToLimits() => new(
        NodeTypes.ToFrozenSet(StringComparer.Ordinal),
        EdgeTypes.ToFrozenSet(StringComparer.Ordinal),
        MaxPayloadBytes,
        MaxTraversalDepth,
        DefaultPageSize,
        MaxPageSize,
        MaxCausalTraceItems,
        TraversalCacheCapacity,
        TraversalCacheExpiry);
}
