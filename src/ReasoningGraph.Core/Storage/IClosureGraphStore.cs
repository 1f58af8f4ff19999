namespace ReasoningGraph.Storage;

/// <summary>
/// An optional store capability: the whole closure of a walk in one call, for stores where a round trip per level
/// costs more than fetching everything at once (a database). Deep walks through the generic walk use it when the
/// store implements it (see docs/POSTGRES.md); their pages are the same as with per-level
/// <see cref="IReasoningGraphStore.GetFrontierAsync"/> calls.
/// </summary>
public interface IClosureGraphStore
{
    /// <summary>
    /// Every edge that <see cref="IReasoningGraphStore.GetFrontierAsync"/> would return for any node of the closure
    /// of <see cref="FrontierRequest.NodeIds"/> (the roots, and every node reachable from them through matching
    /// edges, at any depth), with their far-end nodes: exactly the union of the frontier results of a level-by-level
    /// walk without a depth limit. The filters of <paramref name="request"/> apply as for a frontier.
    /// </summary>
    /// <param name="request">The roots (as <see cref="FrontierRequest.NodeIds"/>) and the edge filters.</param>
    /// <param name="maxNodes">The largest closure (roots included) to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The edges and far-end nodes, each once, in any order; <see langword="null"/> when the closure has more than <paramref name="maxNodes"/> nodes.</returns>
    Task<FrontierResult?> GetClosureAsync(FrontierRequest request, int maxNodes, CancellationToken cancellationToken = default);
}
