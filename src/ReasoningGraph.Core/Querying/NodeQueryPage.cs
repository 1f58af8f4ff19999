using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Querying;

/// <summary>One page of a node query, in <c>seq</c> order.</summary>
public sealed record NodeQueryPage
{
    /// <summary>The matching nodes of this page.</summary>
    public required IReadOnlyList<ReasoningNode> Items { get; init; }

    /// <summary>Pass this back for the next page; null on the last page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NextCursor { get; init; }

    /// <summary>The <c>seq</c> the whole query reads as of (fixed by the first page).</summary>
    public long AsOf { get; init; }

    /// <summary>Counts only: items may carry PII, and results end up in logs.</summary>
    /// <returns>For example <c>NodeQueryPage (100 items, more)</c>.</returns>
    public override string ToString() => $"NodeQueryPage ({Items.Count} items{(NextCursor is null ? "" : ", more")})";
}
