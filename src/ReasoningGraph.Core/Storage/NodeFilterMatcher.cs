using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage;

/// <summary>Evaluates a <see cref="NodeFilter"/> against one node (for stores that filter in process).</summary>
internal sealed class NodeFilterMatcher(NodeFilter filter)
{
    private readonly HashSet<string>? _types = filter.Types is null ? null : new(filter.Types, StringComparer.Ordinal);
    private readonly HashSet<string>? _authors = filter.Authors is null ? null : new(filter.Authors, StringComparer.Ordinal);

    /// <param name="node">The node.</param>
    /// <param name="confidence">Its <c>metadata.confidence</c>, NaN when absent or not a number.</param>
    public bool Matches(ReasoningNode node, double confidence) =>
        (_types is null || _types.Contains(node.Type))
        && (_authors is null || _authors.Contains(node.Author))
        && (filter.CreatedFrom is not { } from || node.CreatedAt >= from)
        && (filter.CreatedBefore is not { } before || node.CreatedAt < before)
        && (filter.MinConfidence is not { } min || confidence >= min)
        && HasTags(node.Metadata);

    /// <summary><c>metadata.confidence</c> when it is a number, else NaN.</summary>
    public static double Confidence(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("confidence", out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : double.NaN;

    private bool HasTags(JsonElement metadata)
    {
        if (filter.Tags is not { Count: > 0 } wanted)
        {
            return true;
        }

        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var tag in wanted)
        {
            bool found = false;
            foreach (var element in tags.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.String && element.ValueEquals(tag))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
