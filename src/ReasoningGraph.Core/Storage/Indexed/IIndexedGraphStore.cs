using ReasoningGraph.Traversal;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Indexed;

/// <summary>
/// An optional store capability: the graph as dense integer indices, for walks that run in process. A store that
/// already holds integer adjacency (the in-memory store) implements it so a walk can keep its visited set, levels
/// and edges as integers and make node and edge objects only for the page it returns. Walks use the generic
/// <see cref="IReasoningGraphStore.GetFrontierAsync"/> path for stores without it; both give identical pages.
/// </summary>
internal interface IIndexedGraphStore
{
    /// <summary>
    /// The graph as of <paramref name="asOf"/>, as seen by one walk (its direction and filters, with the meaning
    /// of <see cref="FrontierRequest"/>). Cheap; a view taken later with the same arguments sees the same graph.
    /// </summary>
    IIndexedGraphView OpenView(long asOf, TraversalDirection direction, IReadOnlyCollection<string>? edgeTypes, double? minWeight, double? minFarNodeConfidence);
}
