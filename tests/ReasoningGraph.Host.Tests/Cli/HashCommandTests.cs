using System.Security.Cryptography;
using System.Text;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary><c>reasoning-graph hash</c>: the SHA-256 of the canonical bytes, per profile.</summary>
public sealed class HashCommandTests
{
    [Theory]
    [InlineData("kernel", "{\"a\":-0,\"b\":\"\\u2028\"}")]
    [InlineData("rfc8785", "{\"a\":0,\"b\":\"\u2028\"}")]
    public async Task Hash_PrintsLowercaseHexOfTheCanonicalBytes(string profile, string canonical)
    {
        var result = await CliProcess.RunAsync(["hash", "--profile", profile], Encoding.UTF8.GetBytes("{ \"b\": \"\\u2028\", \"a\": -0.0 }"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))) + "\n", Encoding.UTF8.GetString(result.StandardOutput));
    }

    [Fact]
    public async Task Hash_RejectedDocument_ExitsTwoWithTheCodeOnStderr()
    {
        var result = await CliProcess.RunAsync(["hash"], "[1e400]"u8.ToArray());

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("number-out-of-range", result.StandardError, StringComparison.Ordinal);
    }
}
