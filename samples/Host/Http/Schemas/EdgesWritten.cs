namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>An atomic batch of edges: one entry per input in batch order, and how many were new (replays are not).</summary>
internal sealed record EdgesWritten
{
    public required IReadOnlyList<EdgeWritten> Edges { get; init; }

    public required int Written { get; init; }
}
