using System.Collections.Frozen;

namespace ReasoningGraph.Model;

/// <summary>
/// The limits the engines (validation, walks, ordered traces, node queries) enforce, taken once from the service's
/// validated options, so that those engines depend on the model and not on the service that configures them.
/// </summary>
internal sealed record GraphLimits(
    FrozenSet<string> NodeTypes,
    FrozenSet<string> EdgeTypes,
    int MaxPayloadBytes,
    int MaxTraversalDepth,
    int DefaultPageSize,
    int MaxPageSize,
    int MaxCausalTraceItems,
    int TraversalCacheCapacity,
    TimeSpan TraversalCacheExpiry);
