using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Tests.OneWalk;

/// <summary>
/// The ordered trace's and the snapshot collector's own level-by-level walks, as they were before both used the walk
/// engine: the reference the engine's collection is compared with.
/// </summary>
internal static class LevelByLevelCollection
{
    /// <summary>(createdAt, id): the order a level's new nodes are walked in.</summary>
    private static readonly Comparer<GraphItem> ItemOrder =
        Comparer<GraphItem>.Create((a, b) => a.CreatedAt.UtcTicks != b.CreatedAt.UtcTicks ? a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks) : a.Id.CompareTo(b.Id));

    /// <summary>The ancestor closure: nodes in (level, createdAt, id) order, each node's incoming edges by (createdAt, id), cut at the limit.</summary>
    public static async Task<(List<GraphItem> Items, bool Truncated)> TraceAsync(IReasoningGraphStore store, Guid id, int limit)
    {
        long asOf = await store.GetMaxSeqAsync();
        var root = (ReasoningNode)(await store.GetItemsAsync([id], asOf))[0];
        var items = new List<GraphItem> { root };
        var seen = new HashSet<Guid> { id };
        var level = new List<ReasoningNode> { root };
        while (level.Count > 0)
        {
            var frontier = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [.. level.Select(n => n.Id)], Direction = TraversalDirection.Ancestors, AsOf = asOf });
            var farNodes = frontier.FarNodes.ToDictionary(n => n.Id);
            var position = level.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i);
            var next = new List<ReasoningNode>();
            foreach (var edge in frontier.Edges.Where(e => position.ContainsKey(e.To)).OrderBy(e => (position[e.To], e.CreatedAt.UtcTicks, e.Id)))
            {
                bool isNew = !seen.Contains(edge.From);
                if (items.Count + (isNew ? 2 : 1) > limit)
                {
                    return (items, true);
                }

                items.Add(edge);
                if (isNew)
                {
                    seen.Add(edge.From);
                    items.Add(farNodes[edge.From]);
                    next.Add(farNodes[edge.From]);
                }
            }

            next.Sort(ItemOrder);
            level = next;
        }

        return (items, false);
    }

    /// <summary>The snapshot's node and edge ids: both directions from the roots up to the depth, every edge followed.</summary>
    public static async Task<(HashSet<Guid> Nodes, HashSet<Guid> Edges)> SubgraphAsync(IReasoningGraphStore store, Guid[] roots, int depth)
    {
        long asOf = await store.GetMaxSeqAsync();
        var nodes = new HashSet<Guid>(roots);
        var edges = new HashSet<Guid>();
        foreach (var direction in (TraversalDirection[])[TraversalDirection.Descendants, TraversalDirection.Ancestors])
        {
            var visited = new HashSet<Guid>(roots);
            List<Guid> frontier = roots.Distinct().ToList();
            for (int level = 1; level <= depth && frontier.Count > 0; level++)
            {
                var result = await store.GetFrontierAsync(new FrontierRequest { NodeIds = frontier, Direction = direction, AsOf = asOf });
                edges.UnionWith(result.Edges.Select(e => e.Id));
                nodes.UnionWith(result.FarNodes.Select(n => n.Id));
                frontier = [.. result.FarNodes.Select(n => n.Id).Where(visited.Add)];
            }
        }

        return (nodes, edges);
    }
}
