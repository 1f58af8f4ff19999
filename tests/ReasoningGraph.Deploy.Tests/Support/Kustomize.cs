using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Deploy.Tests.Support;

/// <summary>deploy/k8s as <c>kubectl apply -k</c> sends it: rendered once per run by <c>kubectl kustomize</c>.</summary>
internal static class Kustomize
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

    private static readonly Lazy<string> Output = new(() => Render(Directory));

    public static string Rendered => Output.Value;

    public static string Render(string directory)
    {
        var result = Processes.Run("kubectl", ["kustomize", directory],
            missingHint: "install kubectl (Debian package kubernetes-client; scripts/test.sh does)");
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"kubectl kustomize {directory} exited {result.ExitCode}: {result.StandardError}");
    }
}
