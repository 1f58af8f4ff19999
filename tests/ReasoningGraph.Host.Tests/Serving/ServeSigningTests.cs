using System.Diagnostics;
using ReasoningGraph.Host.Tests.Cli;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>The service's signing configuration from the environment: REQUIRE_KMS fails closed at start-up.</summary>
public sealed class ServeSigningTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-serve-signing-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task RequireKms_WithALocalKey_RefusesToStartNamingTheSetting()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", _directory.FullName])).ExitCode);

        var (exitCode, stderr) = await ServeAsync(new()
        {
            ["REQUIRE_KMS"] = "true",
            ["SIGNING_KEY_PATH"] = Path.Combine(_directory.FullName, "signing-key.pem"),
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("REQUIRE_KMS=true", stderr, StringComparison.Ordinal);
        Assert.Contains("local Ed25519 key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireKms_WithoutASigner_RefusesToStart()
    {
        var (exitCode, stderr) = await ServeAsync(new() { ["REQUIRE_KMS"] = "true" });

        Assert.Equal(2, exitCode);
        Assert.Contains("none is configured", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireKms_NotABoolean_RefusesToStart()
    {
        var (exitCode, stderr) = await ServeAsync(new() { ["REQUIRE_KMS"] = "ture" });

        Assert.Equal(2, exitCode);
        Assert.Contains("REQUIRE_KMS must be true or false, not 'ture'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningProxy_WithoutSignerId_RefusesToStartListingTheProblem()
    {
        var (exitCode, stderr) = await ServeAsync(new() { ["SIGNING_PROXY_URL"] = "http://127.0.0.1:1", ["REQUIRE_KMS"] = "true" });

        Assert.Equal(2, exitCode);
        Assert.Contains("SIGNING_PROXY_KEY_ID", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("REQUIRE_KMS", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string StandardError)> ServeAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliProcess.Dll);
        start.ArgumentList.Add("serve");
        start.Environment["PORT"] = "0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await stdout;
        return (process.ExitCode, await stderr);
    }
}
