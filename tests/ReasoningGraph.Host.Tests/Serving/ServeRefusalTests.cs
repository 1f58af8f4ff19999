using ReasoningGraph.Host.Tests.Cli;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>
/// The executable refuses a configuration it cannot start with exit code 2 and one stderr line per problem, read from
/// the environment as users set it, instead of crashing with a stack trace (exit 134) at the first.
/// </summary>
public sealed class ServeRefusalTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-refusal-");

    public void Dispose() => _data.Delete(recursive: true);

    [Theory]
    [InlineData("serve")]
    [InlineData(null)]
    public async Task BadSettings_ExitWithCode2ListingEveryProblem(string? command)
    {
        string notPem = Path.Combine(_data.FullName, "ca.txt");
        await File.WriteAllTextAsync(notPem, "this is not a certificate");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DATA_DIR"] = _data.FullName,
            ["PORT"] = "abc",
            ["LOG_FORMAT"] = "xml",
            ["KERNEL_CA_CERT"] = notPem,
            ["REQUIRE_KMS"] = "true",
        };

        var result = await CliProcess.RunAsync(command is null ? [] : [command], environment: environment);

        Assert.Equal(2, result.ExitCode);
        string[] lines = [.. result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))];
        Assert.Equal("error: the service cannot start with this configuration:", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("  - ", line, StringComparison.Ordinal));
        Assert.Equal(4, lines.Length - 1);
        foreach (string name in new[] { "PORT", "LOG_FORMAT", "KERNEL_CA_CERT", "REQUIRE_KMS" })
        {
            Assert.Contains(lines, line => line.Contains(name, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("private-key.pem", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("truncated.pem", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n")]
    [InlineData("garbage.json", "{\"signers\": [")]
    [InlineData("unreadable", null)]
    public async Task UnusableKernelKeyFile_IsARefusal_NotACrash(string name, string? content)
    {
        string keys = Path.Combine(_data.FullName, name);
        if (content is null)
        {
            Directory.CreateDirectory(keys); // exists, but cannot be read as a file
        }
        else
        {
            await File.WriteAllTextAsync(keys, content);
        }

        var result = await CliProcess.RunAsync(["serve"], environment: new Dictionary<string, string>
        {
            ["DATA_DIR"] = Path.Combine(_data.FullName, "data"),
            ["KERNEL_SIGNER_KEYS_FILE"] = keys,
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("KERNEL_SIGNER_KEYS_FILE", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
