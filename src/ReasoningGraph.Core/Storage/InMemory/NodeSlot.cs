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

    /// <summary>The node's <c>createdAt</c> (UTC ticks), beside its id: a walk orders discovered nodes by both without chasing the node object.</summary>
    public long CreatedTicks;

    /// <summary>The node's <c>seq</c>.</summary>
    public int Seq;

    public int[]? Out;

    public int[]? In;
}
