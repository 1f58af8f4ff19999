namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>An atomic batch of nodes: one entry per input in batch order, and how many were new (replays are not).</summary>
internal sealed record NodesWritten
{
    public required IReadOnlyList<NodeWritten> Nodes { get; init; }

    public required int Written { get; init; }
}
