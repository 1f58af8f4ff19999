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

    /// <summary>The page of up to <paramref name="pageSize"/> nodes starting at walk position <paramref name="position"/>.</summary>
    Task<(List<TraversalStep> Steps, List<TraversedEdge> Edges, bool Cycle, bool HasMore)> GetPageAsync(int position, int pageSize, CancellationToken cancellationToken);
}
