using ReasoningGraph.Model;
using ReasoningGraph.Storage.Indexed;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>The store's <see cref="IIndexedGraphView"/>: node indices are <see cref="StoreState.Nodes"/> slots, edge indices <see cref="StoreState.Edges"/> records.</summary>
internal sealed class InMemoryIndexedView(StoreState state, EdgeFollowFilter filter) : IIndexedGraphView
{
    public int NodeBound => state.NodeCount;

    public int FindNode(Guid id) => InMemoryGraphStore.NodeIndex(state, id, filter.AsOf);

    public (ReasoningNode Node, long Ticks, Guid Id, long Seq) NodeEntry(int node)
    {
        ref readonly var slot = ref state.Nodes[node];
        return (slot.Node, slot.CreatedTicks, slot.Id, slot.Seq);
    }

    public ReasoningEdge Edge(int edge, Guid from, Guid to) => InMemoryGraphStore.ToEdge(state, in state.Edges[edge], from, to);

    public int EdgeBound(int node) => filter.MatchesNothing ? 0 : filter.Adjacency(state, node)?.Length ?? 0;

    public int CopyEdges(ReadOnlySpan<int> nodes, Span<IndexedEdge> into, Span<int> owners)
    {
        if (filter.MatchesNothing)
        {
            return 0;
        }

        // Two passes with independent iterations, so the cache misses of many nodes and edges are in flight at
        // once: first every node's adjacency entries (edge index + 1; the visibility cut needs the edge records,
        // so it is left to the second pass), then every edge record.
        int count = 0;
        for (int n = 0; n < nodes.Length; n++)
        {
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
