namespace ReasoningGraph.Traversal;

/// <summary>Which way a walk follows edges.</summary>
public enum TraversalDirection
{
    /// <summary>Backwards, from an edge's <c>to</c> to its <c>from</c>: what led to the node.</summary>
    Ancestors = 1,

    /// <summary>Forwards, from an edge's <c>from</c> to its <c>to</c>: what the node led to.</summary>
    Descendants = 2,
}
