using ReasoningGraph.Redaction;
using static ReasoningGraph.Tests.Redaction.RedactionTestKit;

namespace ReasoningGraph.Tests.Redaction;

public sealed class ModeTests
{
    [Theory]
    [InlineData("$.email", "EMAIL")]
    [InlineData("$.contact.emailAddress", "EMAIL_ADDRESS")]
    [InlineData("$..phone-number", "PHONE_NUMBER")]
    [InlineData("$.people[*].fullName2", "FULL_NAME2")]
    [InlineData("$.ids[*]", "IDS")]
    [InlineData("$.*", "DIRECT_IDENTIFIER")]
    public void Summary_LabelIsDerivedFromTheLastMemberName(string path, string label) =>
        Assert.Equal(label, new PiiCatalogField(path, PiiCategory.DirectIdentifier).Label);

    [Fact]
    public void Summary_UsesAnExplicitLabel()
    {
        var redactor = Redactor("""[{"json_path":"$.e","category":"DIRECT_IDENTIFIER","label":"EMAIL"}]""");
        Assert.Equal("""{"e":"[REDACTED:EMAIL]"}""", redactor.Apply("""{"e":"a@b.com"}"""));
    }

    [Fact]
    public void Hash_IsKeyedHmacOfTheCanonicalValue()
    {
        var redactor = Redactor(("$..v", "QUASI_IDENTIFIER", "PII_HASH"));
        AssertJsonEqual(
            "{\"a\":{\"v\":\"" + ExpectedHash("\"a@b.com\"") + "\"},\"b\":{\"v\":\"" + ExpectedHash("""{"x":1,"y":[true,null]}""") + "\"}}",
            redactor.Apply("""{"a":{"v":"a\u0040b.com"},"b":{"v":{ "y" : [true,null], "x" : 1.0 }}}"""));
    }

    [Fact]
    public void Hash_IsDeterministicAndDependsOnTheSaltAndItsId()
    {
        const string input = """{"zip":"1011AB"}""";
        var first = Redactor(("$.zip", "QUASI_IDENTIFIER", null)).Apply(input);
        Assert.Equal(first, Redactor(("$.zip", "QUASI_IDENTIFIER", null)).Apply(input));
        Assert.StartsWith("""{"zip":"sha256:s1:""", first, StringComparison.Ordinal);
        var otherSalt = new PiiRedactor(Catalog("""[{"json_path":"$.zip","category":"QUASI_IDENTIFIER"}]"""), OtherSalt, "s1").Apply(input);
        Assert.NotEqual(first, otherSalt);
        var otherId = new PiiRedactor(Catalog("""[{"json_path":"$.zip","category":"QUASI_IDENTIFIER"}]"""), Salt, "s2").Apply(input);
        Assert.Equal(first.Replace("sha256:s1:", "sha256:s2:", StringComparison.Ordinal), otherId);
    }

    [Fact]
    public void FullRemoval_RemovesMembersAndArrayElements()
    {
        var redactor = Redactor(("$.diagnosis", "SENSITIVE", null), ("$.tags[*]", "SENSITIVE", "FULL_REMOVAL"), ("$.list[1]", "SENSITIVE", null));
        AssertJsonEqual("""{"keep":1,"tags":[],"list":["a","c"]}""", redactor.Apply("""{"diagnosis":"flu","keep":1,"tags":["x","y"],"list":["a","b","c"]}"""));
    }

    [Fact]
    public void DefaultModes_FollowTheCategory()
    {
        Assert.Equal(RedactionMode.RedactedSummary, PiiCatalogField.DefaultMode(PiiCategory.DirectIdentifier));
        Assert.Equal(RedactionMode.PiiHash, PiiCatalogField.DefaultMode(PiiCategory.QuasiIdentifier));
        Assert.Equal(RedactionMode.FullRemoval, PiiCatalogField.DefaultMode(PiiCategory.Sensitive));
        Assert.Null(PiiCatalogField.DefaultMode(PiiCategory.NonPii));
        var redactor = Redactor(("$.a", "DIRECT_IDENTIFIER", null), ("$.b", "QUASI_IDENTIFIER", null), ("$.c", "SENSITIVE", null), ("$.d", "NON_PII", null));
        AssertJsonEqual($$"""{"a":"[REDACTED:A]","b":"{{ExpectedHash("2")}}","d":4}""", redactor.Apply("""{"a":1,"b":2,"c":3,"d":4}"""));
    }

    [Fact]
    public void OverlappingRules_TheStrongestModeWins()
    {
        var redactor = Redactor(("$.a", "QUASI_IDENTIFIER", "PII_HASH"), ("$..a", "DIRECT_IDENTIFIER", "REDACTED_SUMMARY"), ("$.b", "NON_PII", null), ("$..b", "SENSITIVE", null));
        AssertJsonEqual("""{"a":"[REDACTED:A]","c":1}""", redactor.Apply("""{"a":"x","b":"y","c":1}"""));
    }
}
