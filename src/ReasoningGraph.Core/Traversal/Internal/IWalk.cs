using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// One walk as the <see cref="GraphTraverser"/> and the <see cref="WalkCache"/> see it, whichever store path
/// (<see cref="StoreWalk"/> or <see cref="IndexedWalk"/>) materializes it. Callers hold <see cref="Gate"/> while using it.
/// </summary>
internal interface IWalk
{
    WalkQuery Query { get; }

    SemaphoreSlim Gate { get; }

    bool IsInitialized { get; }

    /// <summary>Reads the root; <c>NOT_FOUND</c> when it is not a node visible as of the walk's <c>asOf</c>.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts the walk at these distinct roots, nodes the caller read as of the walk's <c>asOf</c> (instead of
    /// <see cref="InitializeAsync"/>); they form level 0 in (createdAt, id) order.
    /// </summary>
    void Start(IReadOnlyList<ReasoningNode> roots);

    /// <summary>
    /// The whole walk's items in discovery order: the roots, then every followed edge in walk order, each followed by
    /// its far node when it reaches that node first (not a revisit); stops before the first edge that, with such a
    /// node, would make more than <paramref name="maxItems"/> items. Expands only the levels it reaches and detects
    /// no cycles. For a walk of its own (never a cached one). With <paramref name="withEnds"/>, also each edge's ends as
    /// item positions (<see cref="CollectedWalk.Source"/>, <see cref="CollectedWalk.Target"/>).
    /// </summary>
    Task<CollectedWalk> CollectAsync(int maxItems, bool withEnds, CancellationToken cancellationToken);

    /// <summary>The page of up to <paramref name="pageSize"/> nodes starting at walk position <paramref name="position"/>.</summary>
    Task<(List<TraversalStep> Steps, List<TraversedEdge> Edges, bool Cycle, bool HasMore)> GetPageAsync(int position, int pageSize, CancellationToken cancellationToken);
}
