using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.Vectors;

/// <summary>The three vectors the Go service shipped with (INTEROP.md §1), which hold for typed items.</summary>
public sealed class GoServiceVectorTests
{
    public static TheoryData<string> Names => ["simple-node", "array-and-nested", "annotation-with-null-and-bool"];

    [Theory]
    [MemberData(nameof(Names))]
    public void TypedItem_CanonicalizesToTheGoServiceBytes(string name)
    {
        var vector = Vector(name);
        var item = JsonSerializer.Deserialize(vector.Input, ServiceItemJsonContext.Default.ServiceItem)!;

        var canonical = CanonicalJson.SerializeToCanonicalBytes(item, ServiceItemJsonContext.Default.ServiceItem);

        Assert.Equal(vector.Canonical, Encoding.UTF8.GetString(canonical));
        Assert.Equal(vector.Sha256, Convert.ToHexStringLower(SHA256.HashData(canonical)));
    }

    [Fact]
    public void TypedItem_OmitsNullAuthorButKeepsNullsInsidePayload()
    {
        var item = JsonSerializer.Deserialize(Vector("annotation-with-null-and-bool").Input, ServiceItemJsonContext.Default.ServiceItem)!;

        var canonical = Encoding.UTF8.GetString(CanonicalJson.SerializeToCanonicalBytes(item, ServiceItemJsonContext.Default.ServiceItem));

        Assert.Null(item.Author);
        Assert.DoesNotContain("\"author\"", canonical, StringComparison.Ordinal);
        Assert.Contains("\"extra\":null", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainCanonicalize_KeepsTheNullAuthorMember()
    {
        var input = Vector("annotation-with-null-and-bool").Input;

        var canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize(input));

        Assert.Equal(
            """{"author":null,"id":"ann-1","payload":{"extra":null,"flag":true,"note":"Checked"},"ts":"2025-11-17T12:10:00Z","type":"Annotation"}""",
            canonical);
    }

    [Theory]
    [InlineData("simple-node")]
    [InlineData("array-and-nested")]
    public void PlainCanonicalize_MatchesWhenNoOptionalFieldIsNull(string name)
    {
        var vector = Vector(name);

        Assert.Equal(vector.Canonical, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(vector.Input)));
    }

    private static ProjectVector Vector(string name) =>
        ProjectVector.Load(Path.Combine(RepositoryPaths.Vectors, "go-service.jsonl")).Single(v => v.Name == name);
}
