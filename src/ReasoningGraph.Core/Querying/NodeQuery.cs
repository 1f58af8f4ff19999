using ReasoningGraph.Storage;

namespace ReasoningGraph.Querying;

/// <summary>A keyset-paged search for nodes.</summary>
public sealed class NodeQuery
{
    /// <summary>Which nodes. Default: all.</summary>
    public NodeFilter Filter { get; init; } = NodeFilter.All;

    /// <summary>Nodes per page. Default: the configured default (100); at most the configured maximum (1,000).</summary>
    public int? PageSize { get; init; }

    /// <summary>The previous page's <c>nextCursor</c>; it binds the filter and the <c>asOf</c> of the first page.</summary>
    public string? Cursor { get; init; }
}
