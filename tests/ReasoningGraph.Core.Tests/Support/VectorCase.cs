using System.Text.Json;

namespace ReasoningGraph.Tests.Support;

/// <summary>One line of a canonicalization corpus: input bytes and either the canonical text or an error code.</summary>
public sealed record VectorCase(string Name, byte[] Input, string? Canonical, string? Sha256, string? Error)
{
    public override string ToString() => Name;

    public static IEnumerable<VectorCase> Load(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            yield return new VectorCase(
                root.GetProperty("name").GetString()!,
                Convert.FromBase64String(root.GetProperty("input_b64").GetString()!),
                root.GetProperty("canonical").GetString(),
                root.GetProperty("sha256").GetString(),
                root.GetProperty("error").GetString());
        }
    }
}
