using static ReasoningGraph.Tests.Redaction.RedactionTestKit;

namespace ReasoningGraph.Tests.Redaction;

public sealed class PathFormTests
{
    private const string Summary = "REDACTED_SUMMARY";

    [Fact]
    public void MemberPath_RedactsOnlyThatMember()
    {
        var redactor = Redactor(("$.customer.email", "DIRECT_IDENTIFIER", Summary));
        AssertJsonEqual(
            """{"customer":{"email":"[REDACTED:EMAIL]","id":7},"email":"kept@x.org"}""",
            redactor.Apply("""{"customer":{"email":"a@b.com","id":7},"email":"kept@x.org"}"""));
    }

    [Fact]
    public void MemberPath_DoesNotLookInsideArrays()
    {
        var redactor = Redactor(("$.customer.email", "DIRECT_IDENTIFIER", Summary));
        const string input = """{"customer":[{"email":"a@b.com"}]}""";
        AssertJsonEqual(input, redactor.Apply(input));
    }

    [Fact]
    public void AnyElementPath_RedactsTheMemberOfEveryElement()
    {
        var redactor = Redactor(("$.contacts[*].phone", "DIRECT_IDENTIFIER", Summary));
        AssertJsonEqual(
            """{"contacts":[{"phone":"[REDACTED:PHONE]","kind":"home"},{"kind":"work"},5,{"phone":"[REDACTED:PHONE]"}],"phone":"1"}""",
            redactor.Apply("""{"contacts":[{"phone":"555","kind":"home"},{"kind":"work"},5,{"phone":{"n":"556"}}],"phone":"1"}"""));
    }

    [Fact]
    public void DescendantPath_RedactsTheNameAtAnyDepthThroughObjectsAndArrays()
    {
        var redactor = Redactor(("$..name", "DIRECT_IDENTIFIER", Summary));
        AssertJsonEqual(
            """{"name":"[REDACTED:NAME]","a":[{"b":{"name":"[REDACTED:NAME]"}},[{"name":"[REDACTED:NAME]"}]],"names":"kept"}""",
            redactor.Apply("""{"name":"Ann","a":[{"b":{"name":"Bob"}},[{"name":"Cy"}]],"names":"kept"}"""));
    }

    [Fact]
    public void DescendantPath_MatchingAnObject_RedactsItWhole()
    {
        var redactor = Redactor(("$..patient", "SENSITIVE", Summary));
        AssertJsonEqual("""{"x":{"patient":"[REDACTED:PATIENT]"}}""", redactor.Apply("""{"x":{"patient":{"name":"Ann","patient":"x"}}}"""));
    }

    [Fact]
    public void WildcardIndexAndQuotedNames_Match()
    {
        var redactor = Redactor(
            ("$.ids[1]", "DIRECT_IDENTIFIER", Summary),
            ("$.profile.*", "QUASI_IDENTIFIER", Summary),
            ("$['home address'].line", "DIRECT_IDENTIFIER", Summary),
            ("$..['e.mail']", "DIRECT_IDENTIFIER", Summary));
        AssertJsonEqual(
            """{"ids":["a","[REDACTED:IDS]","c"],"profile":{"age":"[REDACTED:PROFILE]","zip":"[REDACTED:PROFILE]"},"home address":{"line":"[REDACTED:LINE]"},"q":[{"e.mail":"[REDACTED:E_MAIL]"}]}""",
            redactor.Apply("""{"ids":["a","b","c"],"profile":{"age":41,"zip":"1011"},"home address":{"line":"1 Main St"},"q":[{"e.mail":"x"}]}"""));
    }

    [Fact]
    public void EscapedMemberNames_AreMatchedAndKeptUnescaped()
    {
        var redactor = Redactor(("$.email", "DIRECT_IDENTIFIER", Summary));
        AssertJsonEqual("""{"email":"[REDACTED:EMAIL]","\u00e9t\u00e9":"x"}""", redactor.Apply("""{"\u0065mail":"a@b.com","\u00e9t\u00e9":"x"}"""));
    }

    [Fact]
    public void NothingMatched_ReturnsTheSameDocument()
    {
        var redactor = Redactor(("$..email", "DIRECT_IDENTIFIER", null));
        var input = Support.Items.Json("""{"a":[1,{"b":"c"}]}""");
        var output = redactor.Redact(input);
        Assert.Equal(input.GetRawText(), output.GetRawText());
        Assert.Equal("""[1,"x"]""", redactor.Redact(Support.Items.Json("""[1,"x"]""")).GetRawText());
    }
}
