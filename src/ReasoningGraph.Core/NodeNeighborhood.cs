using ReasoningGraph.Model;

namespace ReasoningGraph;

/// <summary>A node with its incoming and outgoing edges (<c>{node, incoming, outgoing}</c>).</summary>
public sealed record NodeNeighborhood
{
    /// <summary>The node.</summary>
    public required ReasoningNode Node { get; init; }

    /// <summary>Edges whose <c>to</c> is the node, by (<c>createdAt</c>, <c>id</c>).</summary>
    public required IReadOnlyList<ReasoningEdge> Incoming { get; init; }

    /// <summary>Edges whose <c>from</c> is the node, by (<c>createdAt</c>, <c>id</c>).</summary>
    public required IReadOnlyList<ReasoningEdge> Outgoing { get; init; }

    /// <summary>Ids and counts only: items may carry PII, and results end up in logs.</summary>
    /// <returns>For example <c>NodeNeighborhood of … (2 incoming, 1 outgoing)</c>.</returns>
    public override string ToString() => $"NodeNeighborhood of {Node.Id} ({Incoming.Count} incoming, {Outgoing.Count} outgoing)";
}
