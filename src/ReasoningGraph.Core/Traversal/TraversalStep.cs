using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal;

/// <summary>One visited node and its minimum depth from the root.</summary>
/// <param name="Node">The node.</param>
/// <param name="Depth">Its minimum distance from the root (the root is 0).</param>
public sealed record TraversalStep(ReasoningNode Node, int Depth);
