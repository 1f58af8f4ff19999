using ReasoningGraph.Model;
using ReasoningGraph.Storage.Indexed;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>The store's <see cref="IIndexedGraphView"/>: node indices are <see cref="StoreState.Nodes"/> slots, edge indices <see cref="StoreState.Edges"/> records.</summary>
internal sealed class InMemoryIndexedView(StoreState state, EdgeFollowFilter filter) : IIndexedGraphView
{
    public int NodeBound => state.NodeCount;

    public int FindNode(Guid id) => InMemoryGraphStore.NodeIndex(state, id, filter.AsOf);

    public ReasoningNode Node(int node) => state.Nodes[node].Node;

    public ReasoningEdge Edge(int edge) => InMemoryGraphStore.ToEdge(state, in state.Edges[edge]);

    public int EdgeBound(int node) => filter.MatchesNothing ? 0 : filter.Adjacency(state, node)?.Length ?? 0;

    public int CopyEdges(int node, Span<IndexedEdge> into)
    {
        if (filter.MatchesNothing)
        {
            return 0;
        }

        int count = 0;
        foreach (int entry in filter.Visible(state, node))
        {
            ref readonly var record = ref state.Edges[entry - 1];
            if (filter.Follows(state, in record))
            {
                into[count++] = new IndexedEdge(record.CreatedTicks, record.Id, entry - 1, filter.Far(in record));
            }
        }

        return count;
    }
}
