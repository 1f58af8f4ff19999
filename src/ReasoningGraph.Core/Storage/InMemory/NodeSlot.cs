using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// A stored node and its adjacency. <see cref="Out"/> and <see cref="In"/> hold edge indices + 1 in ascending
/// order, 0 marking the unused tail; they are replaced (never shrunk) when full and published with
/// <see cref="Volatile"/>.
/// </summary>
internal struct NodeSlot
{
    public ReasoningNode Node;

    /// <summary>The node's id, kept beside the adjacency so building an edge does not chase the node object.</summary>
    public Guid Id;

    /// <summary><c>metadata.confidence</c> when it is a number, else NaN.</summary>
    public double Confidence;

    public int[]? Out;

    public int[]? In;
}
