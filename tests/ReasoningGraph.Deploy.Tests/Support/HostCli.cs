using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Deploy.Tests.Support;

/// <summary>The built <c>reasoning-graph</c> command line (samples/Host, same configuration as this test build), run with <c>dotnet</c>.</summary>
internal static class HostCli
{
    public static string Dll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(RepositoryPaths.Root, "samples", "Host", "bin", output.Parent!.Name, output.Name, "reasoning-graph.dll");
        }
    }

    public static ProcessResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Dll))
        {
            throw new InvalidOperationException($"{Dll} is missing: build the solution first (scripts/test.sh does)");
        }

        return Processes.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [Dll, .. arguments], environment);
    }
}
