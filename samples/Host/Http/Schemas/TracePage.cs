using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>One page of <c>GET /reason/trace/{id}</c>: the library's walk page with the Go service's fields (<c>Api.TraceResponse</c>).</summary>
internal sealed record TracePage
{
    public required Guid Root { get; init; }

    public required TraversalDirection Direction { get; init; }

    public required IReadOnlyList<TraceStep> Steps { get; init; }

    public required IReadOnlyList<WalkedEdge> Edges { get; init; }

    public required bool CycleDetected { get; init; }

    /// <summary>Null on the last page.</summary>
    public required string? NextCursor { get; init; }

    public required Guid StartNodeId { get; init; }

    /// <summary>The requested depth (default 1).</summary>
    public required int Depth { get; init; }

    public required IReadOnlyList<Guid> Visited { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }
}
