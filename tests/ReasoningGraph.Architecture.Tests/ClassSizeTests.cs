using System.Text.RegularExpressions;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Architecture.Tests;

/// <summary>
/// No class is longer than <see cref="MaxLines"/> lines, all its partial parts together: a class that grows past it
/// holds more than one responsibility and is split (as the PostgreSQL store was into graph store, snapshot store,
/// group-commit queue and the connection they share).
/// </summary>
public sealed partial class ClassSizeTests
{
    private const int MaxLines = 900;

    [Fact]
    public void NoClass_IsLongerThanTheLimit()
    {
        var sizes = ClassSizes(["src", "samples"]);
        Assert.True(sizes.Count > 100, $"only {sizes.Count} classes were read");

        var tooLong = sizes.Where(s => s.Value > MaxLines).Select(s => $"{s.Key}: {s.Value} lines").ToList();
        Assert.True(tooLong.Count == 0, $"classes over {MaxLines} lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void PartialParts_AreCountedTogether()
    {
        var sizes = ClassSizes(["src/ReasoningGraph.Storage.Postgres"]);
        int parts = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src/ReasoningGraph.Storage.Postgres"), "PostgresGraphStore*.cs")
            .Sum(f => File.ReadAllLines(f).Length);
        Assert.Equal(parts, sizes["ReasoningGraph.Storage.Postgres.PostgresGraphStore"]);
    }

    /// <summary>
    /// Lines per class: each source file counts for the first type it declares (the repository keeps one type, or
    /// one partial part, per file), keyed by namespace and name so partial parts add up.
    /// </summary>
    private static Dictionary<string, int> ClassSizes(string[] roots)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string file in roots.SelectMany(r => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, r), "*.cs", SearchOption.AllDirectories)))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string text = File.ReadAllText(file);
            var type = TypeDeclaration().Match(text);
            if (!type.Success)
            {
                continue;
            }

            string ns = Namespace().Match(text) is { Success: true } n ? n.Groups[1].Value + "." : "";
            string key = ns + type.Groups[1].Value;
            sizes[key] = sizes.GetValueOrDefault(key) + text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
        }

        return sizes;
    }

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|protected|sealed|static|abstract|partial|readonly|file|unsafe|ref)\s+)*(?:class|record(?:\s+struct|\s+class)?|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
