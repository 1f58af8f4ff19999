using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Redaction;

namespace ReasoningGraph.Tests.Redaction;

/// <summary>Catalogs, salts and comparisons shared by the redaction tests.</summary>
internal static class RedactionTestKit
{
    public static readonly byte[] Salt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    public static readonly byte[] OtherSalt = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    public static PiiCatalog Catalog(string fieldsJson) =>
        PiiCatalog.Parse(Encoding.UTF8.GetBytes($$"""{"policy_version":"pii-v1","fields":{{fieldsJson}}}"""));

    public static PiiRedactor Redactor(string fieldsJson, byte[]? salt = null, string saltId = "s1") =>
        new(Catalog(fieldsJson), salt ?? Salt, saltId);

    public static PiiRedactor Redactor(params (string Path, string Category, string? Mode)[] fields) =>
        Redactor("[" + string.Join(",", fields.Select(f =>
            $$"""{"json_path":{{JsonSerializer.Serialize(f.Path)}},"category":"{{f.Category}}"{{(f.Mode is null ? "" : $",\"mode\":\"{f.Mode}\"")}}}""")) + "]");

    /// <summary>Redacts <paramref name="json"/> and returns the result as compact text.</summary>
    public static string Apply(this PiiRedactor redactor, string json) =>
        redactor.Redact(JsonDocument.Parse(json).RootElement).GetRawText();

    /// <summary>The expected <c>PII_HASH</c> text, computed independently of the redactor from the canonical bytes.</summary>
    public static string ExpectedHash(string canonicalJson, byte[]? salt = null, string saltId = "s1") =>
        $"sha256:{saltId}:" + Convert.ToHexStringLower(HMACSHA256.HashData(salt ?? Salt, Encoding.UTF8.GetBytes(canonicalJson)));

    public static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\n  actual {actual}");
}
