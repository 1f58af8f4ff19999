using ReasoningGraph.Model;
using ReasoningGraph.Storage.Indexed;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>The store's <see cref="IIndexedGraphView"/>: node indices are <see cref="StoreState.Nodes"/> slots, edge indices <see cref="StoreState.Edges"/> records.</summary>
internal sealed class InMemoryIndexedView(StoreState state, EdgeFollowFilter filter) : IIndexedGraphView
{
    /// <summary>How many iterations ahead the batch loops prefetch: enough to cover a memory access, few enough to stay cached.</summary>
    private const int Ahead = 16;

    public int NodeBound => state.NodeCount;

    public int FindNode(Guid id) => InMemoryGraphStore.NodeIndex(state, id, filter.AsOf);

    public (ReasoningNode Node, long Ticks, Guid Id, long Seq) NodeEntry(int node)
    {
        ref readonly var slot = ref state.Nodes[node];
        return (slot.Node, slot.CreatedTicks, slot.Id, slot.Seq);
    }

    public ReasoningEdge Edge(int edge, Guid from, Guid to) => InMemoryGraphStore.ToEdge(state, in state.Edges[edge], from, to);

    public void PrefetchNode(int node) => CacheHint.Prefetch(in state.Nodes[node]);

    public void PrefetchEdge(int edge)
    {
        if ((uint)edge < (uint)state.EdgeCount)
        {
            CacheHint.Prefetch(in state.Edges[edge]);
        }
    }

    public int EdgeBound(int node) => filter.MatchesNothing ? 0 : filter.Adjacency(state, node)?.Length ?? 0;

    public int CopyEdges(ReadOnlySpan<int> nodes, Span<IndexedEdge> into, Span<int> owners)
    {
        if (filter.MatchesNothing)
        {
            return 0;
        }

        // Two passes with independent iterations, so the cache misses of many nodes and edges are in flight at
        // once: first every node's adjacency entries (edge index + 1; the visibility cut needs the edge records,
        // so it is left to the second pass), then every edge record. Each pass also prefetches what an iteration
        // a few ahead reads (the first pass in two stages: a node's slot, then its adjacency array).
        int count = 0;
        for (int n = 0; n < nodes.Length; n++)
        {
            if (n + 2 * Ahead < nodes.Length)
            {
                CacheHint.Prefetch(in state.Nodes[nodes[n + 2 * Ahead]]);
            }

            if (n + Ahead < nodes.Length && filter.Adjacency(state, nodes[n + Ahead]) is { Length: > 0 } next)
            {
                CacheHint.Prefetch(in next[0]);
            }

            var adjacency = filter.Adjacency(state, nodes[n]);
            if (adjacency is null)
            {
                continue;
            }

            foreach (int entry in adjacency)
            {
                if (entry == 0)
                {
                    break;
                }

                owners[count] = n;
                into[count++] = new IndexedEdge(0, default, entry - 1, 0);
            }
        }

        int kept = 0;
        for (int k = 0; k < count; k++)
        {
            if (k + Ahead < count)
            {
                PrefetchEdge(into[k + Ahead].Edge);
            }

            int e = into[k].Edge;
            if (e >= state.EdgeCount)
            {
                continue;
            }

            ref readonly var record = ref state.Edges[e];
            if (record.Seq <= filter.AsOf && filter.Follows(state, in record))
            {
                owners[kept] = owners[k];
                into[kept++] = new IndexedEdge(record.CreatedTicks, record.Id, e, filter.Far(in record));
            }
        }

        return kept;
    }
}
