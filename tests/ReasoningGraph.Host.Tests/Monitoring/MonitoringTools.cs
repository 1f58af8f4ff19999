using System.Diagnostics;
using System.Text;

namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>
/// <c>prometheus</c> and <c>promtool</c> (Debian's prometheus package, installed by scripts/lib/deps.sh). A missing one
/// fails the test that needs it: these checks must never pass by not running.
/// </summary>
internal static class MonitoringTools
{
    /// <summary>The full path of <paramref name="command"/> on PATH; fails the test, naming the package, when it is missing.</summary>
    public static string Require(string command)
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null, $"'{command}' is not installed: Debian's package 'prometheus' provides it (bash scripts/test.sh installs it).");
        return found!;
    }

    /// <summary>Runs <paramref name="command"/> to completion (at most two minutes); exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string command, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Require(command))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, new StringBuilder().Append(await output).Append(await error).ToString());
    }
}
