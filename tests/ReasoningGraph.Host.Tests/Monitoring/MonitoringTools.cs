using System.Diagnostics;
using ReasoningGraph.Host.Tests.Support;

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
        string? found = ToolProcess.Find(command);
        Assert.True(found is not null, $"'{command}' is not installed: Debian's package 'prometheus' provides it (bash scripts/test.sh installs it).");
        return found!;
    }

    /// <summary>Runs <paramref name="command"/> to completion (at most two minutes); exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string command, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Require(command)) { WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, output, errors) = await ToolProcess.RunAsync(start);
        return (exitCode, output + errors);
    }
}
