using System.Text;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Tests.Parity;

/// <summary>The kernel profile against the Go reference program on fresh random documents.</summary>
public sealed class GoParityTests
{
    [ReferenceFact(ReferenceTool.Go)]
    public Task KernelProfile_MatchesGoOnRandomDocuments() =>
        ParityCheck.AssertMatchesAsync("Go encoding/json", CanonicalJsonOptions.Kernel, 3000, GoReference.CanonicalizeAsync);

    [ReferenceFact(ReferenceTool.Go)]
    public async Task GoReference_WritesModernEscapesAndRefusesWhatGoWouldMisread()
    {
        byte[][] documents =
        [
            Encoding.UTF8.GetBytes("""["\\u0008","\u0008\u000c"]"""),
            Encoding.UTF8.GetBytes("""{"a":1,"a":2}"""),
            Encoding.UTF8.GetBytes("""["\ud800"]"""),
            [(byte)'"', 0xC0, 0xAF, (byte)'"'],
            Encoding.UTF8.GetBytes(new string('[', 257) + new string(']', 257)),
        ];

        var lines = await GoReference.CanonicalizeAsync(documents);

        Assert.Equal("""["\\u0008","\b\f"]""", Encoding.UTF8.GetString(Convert.FromBase64String(lines[0])));
        Assert.Equal(["!reject duplicate-key", "!reject lone-surrogate", "!reject invalid-utf8", "!reject max-depth"], lines.Skip(1));
    }
}
