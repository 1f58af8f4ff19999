using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.Indexed;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// The one walk of the library, for pages (<see cref="GraphTraverser"/>) and for readers that need a whole walk's
/// nodes and edges at once (the ordered causal trace, snapshot collection): the same store paths (the indexed view,
/// the closure fetch, a frontier per level), levels, order and first-reaching edges.
/// </summary>
internal static class Walks
{
    /// <summary>The in-process walk over integer indices when the store offers them, else the frontier-fetch walk.</summary>
    public static IWalk Create(IReasoningGraphStore store, WalkQuery query, int closureMaxNodes = StoreWalk.ClosureMaxNodes) =>
        store is IIndexedGraphStore indexed ? new IndexedWalk(indexed, query) : new StoreWalk(store, query, closureMaxNodes);

    /// <summary>
    /// A whole walk from <paramref name="roots"/> (distinct nodes read as of <paramref name="asOf"/>), unfiltered, up to
    /// <paramref name="depth"/> levels: its items in discovery order, cut before the edge that would exceed
    /// <paramref name="maxItems"/>; with <paramref name="withEnds"/>, each edge's ends as item positions. No paging,
    /// cursors, cache or cycle detection.
    /// </summary>
    public static Task<CollectedWalk> CollectAsync(
        IReasoningGraphStore store, IReadOnlyList<ReasoningNode> roots, TraversalDirection direction, int depth, long asOf,
        int maxItems = int.MaxValue, bool withEnds = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(roots.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, roots.Count);
        var query = new WalkQuery(roots[0].Id, direction, depth, TraversalOrder.BreadthFirst, null, null, null, asOf);

        // A closure of more nodes than this cannot fit maxItems untruncated (every node past the roots brings the edge
        // that first reaches it), so a larger one is walked level by level and cut where the limit falls.
        int closureMaxNodes = (int)Math.Min(StoreWalk.ClosureMaxNodes, (maxItems + (long)roots.Count) / 2);
        var walk = Create(store, query, closureMaxNodes);
        walk.Start(roots);
        return walk.CollectAsync(maxItems, withEnds, cancellationToken);
    }
}
