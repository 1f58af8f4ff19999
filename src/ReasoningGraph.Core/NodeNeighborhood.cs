using ReasoningGraph.Model;

namespace ReasoningGraph;

/// <summary>A node with its incoming and outgoing edges (<c>{node, incoming, outgoing}</c>).</summary>
public sealed class NodeNeighborhood
{
    /// <summary>The node.</summary>
    public required ReasoningNode Node { get; init; }

    /// <summary>Edges whose <c>to</c> is the node, by (<c>createdAt</c>, <c>id</c>).</summary>
    public required IReadOnlyList<ReasoningEdge> Incoming { get; init; }

    /// <summary>Edges whose <c>from</c> is the node, by (<c>createdAt</c>, <c>id</c>).</summary>
    public required IReadOnlyList<ReasoningEdge> Outgoing { get; init; }
}
