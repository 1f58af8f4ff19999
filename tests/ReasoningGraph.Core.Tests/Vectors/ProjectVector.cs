using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Tests.Vectors;

/// <summary>One line of a <c>vectors/*.jsonl</c> file: an input and either its canonical text or an error code.</summary>
public sealed record ProjectVector(string Name, string Profile, byte[] Input, string? Canonical, string? Sha256, string? Error)
{
    public CanonicalJsonOptions Options => Profile switch
    {
        "kernel" => CanonicalJsonOptions.Kernel,
        "rfc8785" => CanonicalJsonOptions.Rfc8785,
        _ => throw new InvalidDataException($"{Name}: unknown profile '{Profile}'"),
    };

    public override string ToString() => $"{Profile}:{Name}";

    /// <summary>Reads a vector file; every line must be well-formed, so a damaged file fails loudly.</summary>
    public static IReadOnlyList<ProjectVector> Load(string path)
    {
        var vectors = new List<ProjectVector>();
        foreach (var line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            vectors.Add(new ProjectVector(
                root.GetProperty("name").GetString()!,
                root.GetProperty("profile").GetString()!,
                Convert.FromBase64String(root.GetProperty("input_b64").GetString()!),
                root.GetProperty("canonical").GetString(),
                root.GetProperty("sha256").GetString(),
                root.GetProperty("error").GetString()));
        }

        return vectors;
    }

    /// <summary>Runs the vector through <see cref="CanonicalJson"/>; returns a description of the mismatch, or null.</summary>
    public string? Check()
    {
        if ((Canonical is null) == (Error is null) || (Canonical is null) != (Sha256 is null))
        {
            return $"{this}: malformed vector (exactly one of canonical+sha256 and error must be set)";
        }

        byte[] actual;
        try
        {
            actual = CanonicalJson.Canonicalize(Input, Options);
        }
        catch (CanonicalizationException e)
        {
            return e.Reason == Error ? null : $"{this}: expected {Canonical ?? Error} but got error {e.Reason} at byte {e.Position}";
        }

        if (Error is not null)
        {
            return $"{this}: expected error {Error} but got {Encoding.UTF8.GetString(actual)}";
        }

        string digest = Convert.ToHexStringLower(SHA256.HashData(actual));
        return actual.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(Canonical!)) && digest == Sha256
            ? null
            : $"{this}: expected {Canonical} (sha256 {Sha256}) but got {Encoding.UTF8.GetString(actual)} (sha256 {digest})";
    }
}
