using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>One case of the shared corpora (../shared/vectors/*-parity.jsonl).</summary>
internal sealed record SharedVector(string Name, byte[] Input, string? Canonical, string? Error)
{
    public static IReadOnlyList<SharedVector> Load(string path) =>
        File.ReadLines(path).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new SharedVector(
                root.GetProperty("name").GetString()!,
                Convert.FromBase64String(root.GetProperty("input_b64").GetString()!),
                root.GetProperty("canonical").GetString(),
                root.GetProperty("error").GetString());
        }).ToList();

    /// <summary>The line <c>canonicalize --lines</c> must print for this case.</summary>
    public string ExpectedLine => Canonical ?? "!error " + Error;
}
