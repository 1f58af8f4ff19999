using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Collects the subgraph a snapshot freezes: from the roots, breadth-first in both directions (descendants and
/// ancestors, each walked separately by the walk engine, so through the store's indexed view or closure fetch when it
/// has them) up to the depth, as of one <c>seq</c>; every edge traversed; the annotations on every collected node and
/// edge. The document sorts everything by id, so only the sets matter.
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

        ReasoningNode[] rootNodes = [.. nodes.Values];
        var edges = new Dictionary<Guid, ReasoningEdge>();
        foreach (var direction in Directions)
        {
            var walk = await Walks.CollectAsync(store, rootNodes, direction, depth, asOf, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in walk.Items)
            {
                if (item is ReasoningEdge edge)
                {
                    edges.TryAdd(edge.Id, edge);
                }
                else
                {
                    nodes.TryAdd(item.Id, (ReasoningNode)item);
                }
            }
        }

        var targets = new List<Guid>(nodes.Count + edges.Count);
        targets.AddRange(nodes.Keys);
        targets.AddRange(edges.Keys);
        var annotations = await store.GetAnnotationsAsync(targets, asOf, cancellationToken).ConfigureAwait(false);
        return new CollectedSubgraph(asOf, [.. nodes.Values], [.. edges.Values], annotations);
    }
}

