using System.Diagnostics;
using System.Text;
using ReasoningGraph.Host.Tests.Support;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// tools/node-openapi (installed by scripts/lib/deps.sh with <c>npm ci</c>): Redocly's linter, openapi-typescript,
/// openapi-fetch and tsc, run with node. Without them the test does nothing locally and fails in CI (<c>CI=true</c>).
/// </summary>
internal static class OpenApiTools
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tools", "node-openapi");

    /// <summary>node's path, or null locally when node or the tools are missing; in CI a missing one fails the test.</summary>
    public static string? NodeOrSkip()
    {
        string? node = ToolProcess.Find("node");
        string? missing = node is null ? "node is not on PATH (Debian's nodejs)"
            : !File.Exists(Tool("@redocly/cli/bin/cli.js")) ? "tools/node-openapi/node_modules is missing (npm ci there; scripts/lib/deps.sh does)"
            : null;
        if (missing is not null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), missing + "; CI=true requires the OpenAPI client test to run");
            return null;
        }

        return node;
    }

    /// <summary>A script of a package in tools/node-openapi/node_modules.</summary>
    public static string Tool(string path) => Path.Combine(Folder, "node_modules", path);

    /// <summary>Runs node with <paramref name="arguments"/> in <paramref name="directory"/> (at most two minutes): exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string node, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(node) { WorkingDirectory = directory, StandardOutputEncoding = Encoding.UTF8 };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Redocly would otherwise send usage data and look for a newer release: the tests stay on this machine.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        return await ToolProcess.RunAsync(start);
    }
}
