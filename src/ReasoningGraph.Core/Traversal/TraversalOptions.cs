namespace ReasoningGraph.Traversal;

/// <summary>What a walk follows and how it pages. Every property is optional.</summary>
public sealed class TraversalOptions
{
    /// <summary>The deepest level returned (the root is depth 0). Default: 1. Capped by the configured maximum (64 by default).</summary>
    public int? Depth { get; init; }

    /// <summary>Nodes per page. Default: the configured default (100); at most the configured maximum (1,000).</summary>
    public int? PageSize { get; init; }

    /// <summary><see cref="TraversalOrder.BreadthFirst"/> unless set.</summary>
    public TraversalOrder Order { get; init; }

    /// <summary>Follow only edges of these types. Null or empty: every type.</summary>
    public IReadOnlyCollection<string>? EdgeTypes { get; init; }

    /// <summary>Follow only edges with a weight ≥ this; edges without a weight are then not followed.</summary>
    public double? MinWeight { get; init; }

    /// <summary>
    /// Follow an edge only when its far-end node has a numeric <c>metadata.confidence</c> ≥ this (nodes without one
    /// are not entered). The root is always returned.
    /// </summary>
    public double? MinConfidence { get; init; }

    /// <summary>Read as of this <c>seq</c>. Default: the store's maximum when the first page is served.</summary>
    public long? AsOf { get; init; }

    /// <summary>
    /// The <c>nextCursor</c> of the previous page, or null for the first page. The cursor binds the query: root,
    /// direction, depth, order, filters and <c>asOf</c> must be the same (the page size may change).
    /// </summary>
    public string? Cursor { get; init; }
}
