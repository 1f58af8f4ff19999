using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Querying;

/// <summary>One page of a node query, in <c>seq</c> order.</summary>
public sealed class NodeQueryPage
{
    /// <summary>The matching nodes of this page.</summary>
    public required IReadOnlyList<ReasoningNode> Items { get; init; }

    /// <summary>Pass this back for the next page; null on the last page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NextCursor { get; init; }

    /// <summary>The <c>seq</c> the whole query reads as of (fixed by the first page).</summary>
    public long AsOf { get; init; }
}
