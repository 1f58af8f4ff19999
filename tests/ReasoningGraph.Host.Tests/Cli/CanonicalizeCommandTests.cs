using System.Text;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>The single-document form of <c>canonicalize</c>: exact bytes out, exit codes per DESIGN.md.</summary>
public sealed class CanonicalizeCommandTests
{
    [Fact]
    public async Task Canonicalize_WritesCanonicalBytesWithoutTrailingNewline()
    {
        var result = await CliProcess.RunAsync(["canonicalize", "-"], Encoding.UTF8.GetBytes("{ \"b\": 1, \"a\": [-0, 1E21] }\n"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"a":[-0,1e+21],"b":1}""", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Fact]
    public async Task Canonicalize_Rfc8785Profile_WritesZeroForNegativeZero()
    {
        var result = await CliProcess.RunAsync(["canonicalize", "--profile", "rfc8785"], Encoding.UTF8.GetBytes("[-0,\"\\u2028\"]"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[0,\"\u2028\"]", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Fact]
    public async Task Canonicalize_RejectedInput_ExitsTwoAndNamesTheCode()
    {
        var result = await CliProcess.RunAsync(["canonicalize"], Encoding.UTF8.GetBytes("""{"a":1,"a":2}"""));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("duplicate-key", result.StandardError, StringComparison.Ordinal);
    }
}
