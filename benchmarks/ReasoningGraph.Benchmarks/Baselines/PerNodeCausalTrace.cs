using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Benchmarks.Baselines;

/// <summary>
/// Mirrors the Go service's ordered causal trace: the ancestor closure collected node by node (the node, its
/// incoming and its outgoing edges: three store calls per node), then Kahn over nodes and edges
/// (from-node → edge → to-node) with a ready list that is re-sorted by (createdAt, id) after every step, and for
/// each node a scan of all the closure's edges to find its parents (and the edges it releases). Items a cycle
/// blocks are appended by (createdAt, id). Annotations are not fetched (the library's trace fetches them).
/// </summary>
public static class PerNodeCausalTrace
{
    public sealed record Entry(Guid Id, IReadOnlyList<Guid> ParentIds);

    public static async Task<List<Entry>> BuildAsync(IReasoningGraphStore store, Guid root)
    {
        var (nodes, edges) = await CollectAsync(store, root);
        var byId = nodes.ToDictionary(n => n.Id);
        var waiting = new Dictionary<Guid, int>();
        foreach (var node in nodes)
        {
            waiting[node.Id] = 0;
        }

        foreach (var edge in edges)
        {
            waiting[edge.Id] = 1;
            waiting[edge.To]++;
        }

        var ready = new List<GraphItem>([.. nodes.Where(n => waiting[n.Id] == 0)]);
        var path = new List<Entry>(nodes.Count + edges.Count);
        var placed = new HashSet<Guid>();
        while (ready.Count > 0)
        {
            ready.Sort(CompareItems);
            var item = ready[0];
            ready.RemoveAt(0);
            placed.Add(item.Id);
            if (item is ReasoningEdge edge)
            {
                path.Add(new Entry(edge.Id, [edge.From]));
                if (--waiting[edge.To] == 0)
                {
                    ready.Add(byId[edge.To]);
                }

                continue;
            }

            var parents = new List<Guid>();
            foreach (var candidate in edges)
            {
                if (candidate.To == item.Id)
                {
                    parents.Add(candidate.From);
                }

                if (candidate.From == item.Id && --waiting[candidate.Id] == 0)
                {
                    ready.Add(candidate);
                }
            }

            path.Add(new Entry(item.Id, [.. parents.Distinct().Order()]));
        }

        var blocked = nodes.Cast<GraphItem>().Concat(edges).Where(i => !placed.Contains(i.Id)).ToList();
        blocked.Sort(CompareItems);
        path.AddRange(blocked.Select(i => new Entry(i.Id, i is ReasoningEdge e ? [e.From] : [.. edges.Where(c => c.To == i.Id).Select(c => c.From).Distinct().Order()])));
        return path;
    }

    private static async Task<(List<ReasoningNode> Nodes, List<ReasoningEdge> Edges)> CollectAsync(IReasoningGraphStore store, Guid root)
    {
        long asOf = await store.GetMaxSeqAsync();
        var nodes = new List<ReasoningNode>();
        var edges = new List<ReasoningEdge>();
        var visited = new HashSet<Guid> { root };
        var queue = new Queue<Guid>([root]);
        while (queue.TryDequeue(out var id))
        {
            var found = await store.GetItemsAsync([id], asOf);
            var incoming = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [id], Direction = TraversalDirection.Ancestors, AsOf = asOf });
            var outgoing = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [id], Direction = TraversalDirection.Descendants, AsOf = asOf });
            nodes.Add((ReasoningNode)found[0]);
            foreach (var edge in incoming.Edges)
            {
                edges.Add(edge);
                if (visited.Add(edge.From))
                {
                    queue.Enqueue(edge.From);
                }
            }

            GC.KeepAlive(outgoing);
        }

        return (nodes, edges);
    }

    private static int CompareItems(GraphItem x, GraphItem y)
    {
        int byTime = x.CreatedAt.CompareTo(y.CreatedAt);
        return byTime != 0 ? byTime : x.Id.CompareTo(y.Id);
    }
}
