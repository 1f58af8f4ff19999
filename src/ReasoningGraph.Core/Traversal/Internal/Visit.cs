using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>A visited node: its minimum depth and the slice of the walk's edge list followed from it.</summary>
internal sealed class Visit(ReasoningNode node, int depth)
{
    public ReasoningNode Node { get; } = node;

    public int Depth { get; } = depth;

    public int EdgeStart { get; set; }

    public int EdgeCount { get; set; }
}
