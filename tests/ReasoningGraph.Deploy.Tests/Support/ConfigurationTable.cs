using System.Text.RegularExpressions;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Deploy.Tests.Support;

/// <summary>
/// The setting names the documentation gives: the configuration table of README.md ("Configuration", what the service
/// reads) and the tables of docs/ARCHIVE.md (the S3 settings, and the export commands' <c>$EXPORT_TO</c>-style
/// defaults). A name counts when it is written in backticks in the first cell of a row, or as <c>$NAME</c> anywhere
/// in a row; a family such as <c>OTEL_EXPORTER_OTLP_*</c> or <c>AUDITOR_S3_*</c> admits every name it starts.
/// </summary>
internal sealed partial class ConfigurationTable
{
    private readonly HashSet<string> _names;
    private readonly List<string> _families;

    private ConfigurationTable(HashSet<string> names, List<string> families) => (_names, _families) = (names, families);

    public static ConfigurationTable Documented { get; } = Read(
        Section(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), "## Configuration"),
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ARCHIVE.md")));

    public IReadOnlyCollection<string> Names => _names;

    public bool Contains(string name) =>
        _names.Contains(name) || _families.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    public static ConfigurationTable Read(params string[] markdown)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var families = new List<string>();
        foreach (string row in markdown.SelectMany(m => m.ReplaceLineEndings("\n").Split('\n')).Where(l => l.StartsWith('|')))
        {
            string[] cells = row.Split(" | ");
            foreach (Match code in Code().Matches(row))
            {
                string text = code.Groups[1].Value;
                if (Family().Match(text) is { Success: true } family)
                {
                    families.Add(family.Groups[1].Value);
                }
                else if (Name().Match(text) is { Success: true } name
                    && (name.Groups[1].Value.Length > 0 || cells[0].Contains(code.Value, StringComparison.Ordinal)))
                {
                    names.Add(name.Groups[2].Value);
                }
            }
        }

        return new ConfigurationTable(names, families);
    }

    /// <summary>From a heading to the next heading of the same level.</summary>
    private static string Section(string markdown, string heading)
    {
        int start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"README.md has no '{heading}' section");
        }

        int end = markdown.IndexOf("\n" + heading.Split(' ')[0] + " ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^(\$?)([A-Z][A-Z0-9_]*)$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*_)\*$")]
    private static partial Regex Family();
}
