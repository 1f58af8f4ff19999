using System.Diagnostics;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>Runs the built <c>reasoning-graph</c> CLI (samples/Host output) with <c>dotnet</c>, capturing raw bytes.</summary>
internal static class CliProcess
{
    /// <summary>The Host build that matches this test build (same configuration and target framework).</summary>
    public static string Dll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(RepositoryPaths.Root, "samples", "Host", "bin", output.Parent!.Name, output.Name, "reasoning-graph.dll");
        }
    }

    public static async Task<CliResult> RunAsync(
        IEnumerable<string> arguments, byte[]? standardInput = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start dotnet");
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(standardInput ?? []);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return new CliResult(process.ExitCode, stdout.ToArray(), await stderr);
    }
}
