using System.Text;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Redaction.Internal;

/// <summary>The labels of <c>"[REDACTED:LABEL]"</c>: upper snake case, <c>A-Z 0-9 _</c>.</summary>
internal static class PiiLabels
{
    public static string Check(string label) =>
        label.Length is > 0 and <= 64 && label.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
            ? label
            : throw GraphErrors.InvalidPayload("label", $"The label '{label}' must be 1 to 64 characters of A-Z, 0-9 and '_'.", reason: "bad-label");

    /// <summary>The last member name of the path in upper snake case, else the category's catalog name.</summary>
    public static string Derive(JsonPathPattern path, PiiCategory category)
    {
        var name = path.Segments.LastOrDefault(s => s.Name is not null)?.Name;
        var label = name is null ? "" : ToUpperSnake(name);
        return label.Length > 0 ? label : PiiCatalogNames.Category(category);
    }

    private static string ToUpperSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        char previous = '_';
        foreach (char c in name)
        {
            bool wordBreak = char.IsAsciiLetterUpper(c) && (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous));
            char next = char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_';
            if ((wordBreak || next == '_') && builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }

            if (next != '_')
            {
                builder.Append(next);
            }

            previous = c;
        }

        return builder.ToString().TrimEnd('_');
    }
}
