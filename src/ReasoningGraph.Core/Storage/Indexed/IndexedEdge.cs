namespace ReasoningGraph.Storage.Indexed;

/// <summary>An edge of an <see cref="IIndexedGraphView"/>, with its far end and its sort key.</summary>
/// <param name="Ticks">The edge's <c>createdAt</c> (UTC ticks).</param>
/// <param name="Id">The edge's id.</param>
/// <param name="Edge">The edge's index.</param>
/// <param name="Far">The index of its far-end node (<c>to</c> for descendants, <c>from</c> for ancestors).</param>
internal readonly record struct IndexedEdge(long Ticks, Guid Id, int Edge, int Far) : IComparable<IndexedEdge>
{
    /// <summary>The library's item order, ascending (<c>createdAt</c>, <c>id</c>) (see <see cref="Model.ItemOrder"/>).</summary>
    public int CompareTo(IndexedEdge other)
    {
        int byTime = Ticks.CompareTo(other.Ticks);
        return byTime != 0 ? byTime : Id.CompareTo(other.Id);
    }
}
