using ReasoningGraph.Model;

namespace ReasoningGraph.Snapshots;

/// <summary>What <see cref="SubgraphCollector"/> found, unordered.</summary>
internal sealed record CollectedSubgraph(long AsOf, ReasoningNode[] Nodes, ReasoningEdge[] Edges, IReadOnlyList<ReasoningAnnotation> Annotations);
