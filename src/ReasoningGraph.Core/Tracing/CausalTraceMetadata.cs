using System.Text.Json.Serialization;
using ReasoningGraph.Model;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Tracing;

/// <summary>The <c>metadata</c> of a <see cref="CausalTrace"/>.</summary>
public sealed record CausalTraceMetadata
{
    /// <summary>Same as <see cref="CausalTrace.TraceId"/>.</summary>
    public required string TraceId { get; init; }

    /// <summary>When the trace was computed.</summary>
    [JsonConverter(typeof(Rfc3339NanoConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The number of entries.</summary>
    public required int Length { get; init; }

    /// <summary>Whether a cycle blocked the topological sort.</summary>
    public required bool CycleDetected { get; init; }

    /// <summary>The ids of the items the sort could not place, comma-separated in appended order; empty without a cycle.</summary>
    public required string CycleDetails { get; init; }

    /// <summary>Exactly the nodes that lie on a cycle (in a strongly connected component of two or more nodes, or with a self-loop), by (<c>createdAt</c>, <c>id</c>).</summary>
    public required IReadOnlyList<Guid> CycleNodes { get; init; }

    /// <summary>Whether the ancestor closure hit the configured maximum size and was cut.</summary>
    public required bool Truncated { get; init; }
}
