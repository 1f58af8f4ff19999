using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Benchmarks.Baselines;

/// <summary>
/// Mirrors the Go service's walk: breadth-first with a visited set, and for every visited node three separate
/// store round trips — the node, its incoming edges and its outgoing edges — whatever the direction walked.
/// No ordering within a level, no paging, no cycle detection (all of which the library's walk does on top).
/// </summary>
public static class PerNodeTraversal
{
    /// <returns>The number of nodes visited and of edges followed from them.</returns>
    public static async Task<(int Nodes, long Edges)> AncestorsAsync(IReasoningGraphStore store, Guid root, int maxDepth)
    {
        long asOf = await store.GetMaxSeqAsync();
        var visited = new HashSet<Guid> { root };
        var queue = new Queue<(Guid Id, int Depth)>([(root, 0)]);
        int nodes = 0;
        long edges = 0;
        while (queue.TryDequeue(out var next))
        {
            var found = await store.GetItemsAsync([next.Id], asOf);
            var incoming = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [next.Id], Direction = TraversalDirection.Ancestors, AsOf = asOf });
            var outgoing = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [next.Id], Direction = TraversalDirection.Descendants, AsOf = asOf });
            if (found is not [ReasoningNode])
            {
                continue;
            }

            nodes++;
            if (next.Depth == maxDepth)
            {
                continue;
            }

            foreach (var edge in incoming.Edges)
            {
                edges++;
                if (visited.Add(edge.From))
                {
                    queue.Enqueue((edge.From, next.Depth + 1));
                }
            }

            GC.KeepAlive(outgoing);
        }

        return (nodes, edges);
    }
}
