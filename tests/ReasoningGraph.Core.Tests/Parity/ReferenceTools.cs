using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.Parity;

/// <summary>Finds the reference tools. CI (<c>CI=true</c>) must have them; a developer machine may not.</summary>
internal static class ReferenceTools
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string NodeScript => Path.Combine(RepositoryPaths.Root, "tools", "node-canonical", "canonicalize-lines.mjs");

    public static string GoSource => Path.Combine(RepositoryPaths.Root, "tools", "go-canonical");

    /// <summary>Why <paramref name="tool"/> cannot be used here, or null when it can.</summary>
    public static string? Missing(ReferenceTool tool) => tool switch
    {
        ReferenceTool.Go when FindOnPath("go") is null => "go is not on PATH (apt-get install golang-go)",
        ReferenceTool.Node when FindOnPath("node") is null => "node is not on PATH",
        ReferenceTool.Node when !Directory.Exists(Path.Combine(Path.GetDirectoryName(NodeScript)!, "node_modules", "canonicalize")) =>
            "tools/node-canonical/node_modules is missing (run npm ci there)",
        _ => null,
    };

    public static string Require(string name) =>
        FindOnPath(name) ?? throw new InvalidOperationException($"{name} is not on PATH; CI=true requires the parity tests to run");

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
