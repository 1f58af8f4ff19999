namespace ReasoningGraph.Storage;

/// <summary>Which nodes a query selects. Every set criterion must hold; an unset one selects everything.</summary>
public sealed class NodeFilter
{
    /// <summary>A filter that selects every node.</summary>
    public static NodeFilter All { get; } = new();

    /// <summary>When set, the node's type is one of these.</summary>
    public IReadOnlyCollection<string>? Types { get; init; }

    /// <summary>When set, the node's author is one of these.</summary>
    public IReadOnlyCollection<string>? Authors { get; init; }

    /// <summary>When set, <c>metadata.tags</c> is an array containing every one of these strings.</summary>
    public IReadOnlyCollection<string>? Tags { get; init; }

    /// <summary>When set, <c>createdAt</c> ≥ this (inclusive).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>When set, <c>createdAt</c> &lt; this (exclusive).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>When set, <c>metadata.confidence</c> is a number ≥ this.</summary>
    public double? MinConfidence { get; init; }
}
