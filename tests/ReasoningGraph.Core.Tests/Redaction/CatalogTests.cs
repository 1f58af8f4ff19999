using System.Text;
using ReasoningGraph.Redaction;
using static ReasoningGraph.Tests.Redaction.RedactionTestKit;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Redaction;

public sealed class CatalogTests
{
    [Fact]
    public void Parse_ReadsVersionFieldsModesAndLabels()
    {
        var catalog = Catalog("""
            [{"json_path":"$.email","category":"DIRECT_IDENTIFIER"},
             {"json_path":"$..zip","category":"QUASI_IDENTIFIER","mode":"FULL_REMOVAL","label":"POSTCODE"},
             {"json_path":"$.note","category":"NON_PII"}]
            """);
        Assert.Equal("pii-v1", catalog.PolicyVersion);
        Assert.Equal(["$.email", "$..zip", "$.note"], catalog.Fields.Select(f => f.JsonPath));
        Assert.Equal([null, RedactionMode.FullRemoval, null], catalog.Fields.Select(f => f.Mode));
        Assert.Equal([RedactionMode.RedactedSummary, RedactionMode.FullRemoval, null], catalog.Fields.Select(f => f.EffectiveMode));
        Assert.Equal(["EMAIL", "POSTCODE", "NOTE"], catalog.Fields.Select(f => f.Label));
    }

    [Theory]
    [InlineData("""{"policy_version":"v1","fields":[""", "catalog", "invalid-json")]
    [InlineData("""[]""", "catalog", "not-an-object")]
    [InlineData("""{"policy_version":"v1","fields":[{"json_path":"$.a","category":"SENSITIVE","mode":"PII_HASH","mode":"FULL_REMOVAL"}]}""", "catalog", "invalid-json")]
    [InlineData("""{"fields":[]}""", "policy_version", "missing")]
    [InlineData("""{"policy_version":"v1"}""", "fields", "missing")]
    [InlineData("""{"policy_version":"v1","fields":[],"extra":1}""", "extra", "unknown-member")]
    [InlineData("""{"policy_version":"v1","fields":[{"category":"SENSITIVE"}]}""", "fields[0].json_path", "missing")]
    [InlineData("""{"policy_version":"v1","fields":[{"json_path":"$.a","category":"SENSITIVE"},{"json_path":"$.b","category":"SECRET"}]}""", "fields[1].category", "unknown-category")]
    [InlineData("""{"policy_version":"v1","fields":[{"json_path":"$.a","category":"SENSITIVE","mode":"BLUR"}]}""", "fields[0].mode", "unknown-mode")]
    [InlineData("""{"policy_version":"v1","fields":[{"json_path":"$.a","category":"SENSITIVE","mdoe":"PII_HASH"}]}""", "fields[0].mdoe", "unknown-member")]
    [InlineData("""{"policy_version":"v1","fields":[{"json_path":"$.a","category":"NON_PII","mode":"PII_HASH"}]}""", "fields[0].mode", "mode-on-non-pii")]
    [InlineData("""{"policy_version":"v1","fields":[{"json_path":"$.a","category":"SENSITIVE","label":"e-mail"}]}""", "fields[0].label", "bad-label")]
    [InlineData("""{"policy_version":"v1","fields":[{"json_path":"$.a","category":"SENSITIVE"},{"json_path":"$.a","category":"SENSITIVE"}]}""", "fields[1].json_path", "duplicate-path")]
    [InlineData("""{"policy_version":"v1","fields":["$.a"]}""", "fields[0]", "not-an-object")]
    public void Parse_BadCatalog_IsInvalidPayloadNamingTheField(string json, string field, string reason)
    {
        var error = Assert.Throws<ReasoningGraphException>(() => PiiCatalog.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal(field, error.Details["field"]);
        Assert.Equal(reason, error.Details["reason"]);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$")]
    [InlineData("$.")]
    [InlineData("$..*")]
    [InlineData("$.a[")]
    [InlineData("$.a[x]")]
    [InlineData("$.a b")]
    [InlineData("$a")]
    [InlineData("$['']")]
    [InlineData("$..[*]")]
    public void Parse_BadPath_IsInvalidPayloadOnJsonPath(string path)
    {
        var json = $$"""{"policy_version":"v1","fields":[{"json_path":{{System.Text.Json.JsonSerializer.Serialize(path)}},"category":"SENSITIVE"}]}""";
        var error = Assert.Throws<ReasoningGraphException>(() => PiiCatalog.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(("fields[0].json_path", "bad-json-path"), (error.Details["field"], error.Details["reason"]));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAndLoadFile_ReadTheSameCatalog()
    {
        var text = """{"policy_version":"2026-11","fields":[{"json_path":"$..email","category":"DIRECT_IDENTIFIER"}]}""";
        var path = Path.Combine(Path.GetTempPath(), $"pii-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        try
        {
            Assert.Equal("2026-11", PiiCatalog.LoadFile(path).PolicyVersion);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            Assert.Equal("$..email", Assert.Single(PiiCatalog.Load(stream).Fields).JsonPath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(15, "s1")]
    [InlineData(32, "")]
    [InlineData(32, "a:b")]
    public void Redactor_RejectsAShortSaltOrBadSaltId(int saltBytes, string saltId) =>
        Assert.Throws<ArgumentException>(() => new PiiRedactor(Catalog("[]"), new byte[saltBytes], saltId));
}
