using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Collects the subgraph a snapshot freezes: from the roots, breadth-first in both directions (descendants and
/// ancestors, each walked separately) up to the depth, as of one <c>seq</c>; every edge traversed; the annotations on
/// every collected node and edge. One store round trip per level and direction, plus one for the annotations.
/// </summary>
internal static class SubgraphCollector
{
    private static readonly TraversalDirection[] Directions = [TraversalDirection.Descendants, TraversalDirection.Ancestors];

    public static async Task<CollectedSubgraph> CollectAsync(IReasoningGraphStore store, IReadOnlyList<Guid> roots, int depth, CancellationToken cancellationToken) =>
        await CollectAsync(store, roots, depth, await store.GetMaxSeqAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The subgraph as of <paramref name="asOf"/> (a replay re-collects an archived snapshot as of its newest item).</summary>
    public static async Task<CollectedSubgraph> CollectAsync(IReasoningGraphStore store, IReadOnlyList<Guid> roots, int depth, long asOf, CancellationToken cancellationToken)
    {
        var distinctRoots = roots.Distinct().ToArray();
        var nodes = new Dictionary<Guid, ReasoningNode>(distinctRoots.Length);
        foreach (var item in await store.GetItemsAsync(distinctRoots, asOf, cancellationToken).ConfigureAwait(false))
        {
            if (item is ReasoningNode node)
            {
                nodes[node.Id] = node;
            }
        }

        for (int i = 0; i < roots.Count; i++)
        {
            if (!nodes.ContainsKey(roots[i]))
            {
                throw GraphErrors.NotFound("rootIds", roots[i], i, $"Root {roots[i]} is not a node of the graph.");
            }
        }

        var edges = new Dictionary<Guid, ReasoningEdge>();
        foreach (var direction in Directions)
        {
            await WalkAsync(store, distinctRoots, direction, depth, asOf, nodes, edges, cancellationToken).ConfigureAwait(false);
        }

        var targets = new List<Guid>(nodes.Count + edges.Count);
        targets.AddRange(nodes.Keys);
        targets.AddRange(edges.Keys);
        var annotations = await store.GetAnnotationsAsync(targets, asOf, cancellationToken).ConfigureAwait(false);
        return new CollectedSubgraph(asOf, [.. nodes.Values], [.. edges.Values], annotations);
    }

    private static async Task WalkAsync(
        IReasoningGraphStore store, Guid[] roots, TraversalDirection direction, int depth, long asOf,
        Dictionary<Guid, ReasoningNode> nodes, Dictionary<Guid, ReasoningEdge> edges, CancellationToken cancellationToken)
    {
        var visited = new HashSet<Guid>(roots);
        IReadOnlyCollection<Guid> frontier = roots;
        for (int level = 1; level <= depth && frontier.Count > 0; level++)
        {
            var result = await store.GetFrontierAsync(
                new FrontierRequest { NodeIds = frontier, Direction = direction, AsOf = asOf }, cancellationToken).ConfigureAwait(false);
            foreach (var edge in result.Edges)
            {
                edges.TryAdd(edge.Id, edge);
            }

            var next = new List<Guid>();
            foreach (var node in result.FarNodes)
            {
                nodes.TryAdd(node.Id, node);
                if (visited.Add(node.Id))
                {
                    next.Add(node.Id);
                }
            }

            frontier = next;
        }
    }
}

