using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Vectors;

/// <summary>Every case of the project's frozen vectors (<c>vectors/</c>), produced by Go and npm canonicalize.</summary>
public sealed class ProjectVectorTests
{
    private static readonly string[] ErrorCodes =
    [
        CanonicalJsonError.InvalidJson, CanonicalJsonError.DuplicateKey, CanonicalJsonError.InvalidUtf8,
        CanonicalJsonError.LoneSurrogate, CanonicalJsonError.NumberOutOfRange, CanonicalJsonError.MaxDepth,
    ];

    public static TheoryData<string> Files => ["go-service.jsonl", "edge-cases.jsonl", "go-corpus.jsonl"];

    /// <summary>The files whose expectations hold for plain JSON; go-service.jsonl holds for typed items (GoServiceVectorTests).</summary>
    public static TheoryData<string> PlainJsonFiles => ["edge-cases.jsonl", "go-corpus.jsonl"];

    [Theory]
    [MemberData(nameof(PlainJsonFiles))]
    public void Canonicalize_ReproducesEveryFrozenVector(string file)
    {
        var vectors = Load(file);

        var failures = vectors.Select(v => v.Check()).OfType<string>().ToList();

        Assert.NotEmpty(vectors);
        Assert.True(failures.Count == 0, $"{failures.Count} of {vectors.Count} vectors in {file} fail:\n" + string.Join("\n", failures.Take(20)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void VectorFile_IsConsistent(string file)
    {
        var vectors = Load(file);

        Assert.Equal(vectors.Count, vectors.Select(v => v.ToString()).Distinct().Count());
        Assert.All(vectors.Where(v => v.Canonical is not null), v =>
            Assert.Equal(v.Sha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(v.Canonical!)))));
    }

    [Fact]
    public void EdgeCases_CoverEveryErrorCodeAndBothProfiles()
    {
        var vectors = Load("edge-cases.jsonl");

        foreach (var profile in new[] { "kernel", "rfc8785" })
        {
            var codes = vectors.Where(v => v.Profile == profile).Select(v => v.Error).ToHashSet();
            Assert.Superset(new HashSet<string?>(ErrorCodes) { null }, codes);
        }

        Assert.Contains(vectors, v => v.Name.StartsWith("precedence-", StringComparison.Ordinal));
    }

    [Fact]
    public void GoCorpus_HoldsAThousandAcceptedKernelDocuments()
    {
        var vectors = Load("go-corpus.jsonl");

        Assert.Equal(1000, vectors.Count);
        Assert.All(vectors, v => Assert.True(v.Profile == "kernel" && v.Error is null, v.ToString()));
    }

    private static IReadOnlyList<ProjectVector> Load(string file) => ProjectVector.Load(Path.Combine(RepositoryPaths.Vectors, file));
}
