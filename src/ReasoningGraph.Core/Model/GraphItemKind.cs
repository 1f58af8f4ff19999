namespace ReasoningGraph.Model;

/// <summary>The three kinds of stored item.</summary>
public enum GraphItemKind
{
    /// <summary>A <see cref="ReasoningNode"/>.</summary>
    Node = 1,

    /// <summary>A <see cref="ReasoningEdge"/>.</summary>
    Edge = 2,

    /// <summary>A <see cref="ReasoningAnnotation"/>.</summary>
    Annotation = 3,
}
