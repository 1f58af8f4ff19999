using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Indexed;

/// <summary>
/// One snapshot of an <see cref="IIndexedGraphStore"/>: nodes and edges named by small non-negative integers that
/// stay the same for the life of the store. Only items visible as of the view's <c>asOf</c> are reachable.
/// </summary>
internal interface IIndexedGraphView
{
    /// <summary>An exclusive upper bound of every node index this view can return.</summary>
    int NodeBound { get; }

    /// <summary>The index of the visible node with this id, or -1.</summary>
    int FindNode(Guid id);

    /// <summary>
    /// The node at an index this view returned with its sort key (<c>createdAt</c> as UTC ticks, id) and
    /// <c>seq</c>, read without touching the node object.
    /// </summary>
    (ReasoningNode Node, long Ticks, Guid Id, long Seq) NodeEntry(int node);

    /// <summary>
    /// The edge at an index this view returned (made on each call), given the ids of its <c>from</c> and <c>to</c>
    /// nodes, which a walk already holds (so making the edge reads only its record).
    /// </summary>
    ReasoningEdge Edge(int edge, Guid from, Guid to);

    /// <summary>
    /// A hint that <see cref="NodeEntry"/> will soon be called for <paramref name="node"/> (its memory starts
    /// loading); changes nothing.
    /// </summary>
    void PrefetchNode(int node);

    /// <summary>A hint that <see cref="Edge"/> will soon be called for <paramref name="edge"/>; changes nothing.</summary>
    void PrefetchEdge(int edge);

    /// <summary>An upper bound of the number of edges <see cref="CopyEdges"/> writes for <paramref name="node"/>.</summary>
    int EdgeBound(int node);

    /// <summary>
    /// Writes the visible edges of every node in <paramref name="nodes"/> in the view's direction that pass its
    /// filters, grouped by node in the given order (within a node in any order), and for each the position in
    /// <paramref name="nodes"/> of its node; returns how many. Batched so the memory reads for many nodes overlap.
    /// </summary>
    int CopyEdges(ReadOnlySpan<int> nodes, Span<IndexedEdge> into, Span<int> owners);
}
