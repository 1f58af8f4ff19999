using ReasoningGraph.Traversal;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage;

/// <summary>
/// One level of a walk: the edges leaving (or entering) a whole set of nodes, fetched in one round trip.
/// </summary>
public sealed class FrontierRequest
{
    /// <summary>The frontier: the nodes whose edges are wanted. Unknown ids are ignored.</summary>
    public required IReadOnlyCollection<Guid> NodeIds { get; init; }

    /// <summary>
    /// <see cref="TraversalDirection.Descendants"/>: edges whose <c>from</c> is in the frontier (far end: <c>to</c>).
    /// <see cref="TraversalDirection.Ancestors"/>: edges whose <c>to</c> is in the frontier (far end: <c>from</c>).
    /// </summary>
    public required TraversalDirection Direction { get; init; }

    /// <summary>Only items with <c>seq</c> ≤ this are visible.</summary>
    public required long AsOf { get; init; }

    /// <summary>When set, only edges of these types.</summary>
    public IReadOnlyCollection<string>? EdgeTypes { get; init; }

    /// <summary>When set, only edges that have a weight ≥ this (edges without a weight are excluded).</summary>
    public double? MinWeight { get; init; }

    /// <summary>
    /// When set, only edges whose far-end node has a numeric <c>metadata.confidence</c> ≥ this (nodes without
    /// one are excluded).
    /// </summary>
    public double? MinFarNodeConfidence { get; init; }
}
