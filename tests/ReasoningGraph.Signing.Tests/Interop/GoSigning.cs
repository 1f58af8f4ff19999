using ReasoningGraph.Tests.Parity;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Interop;

/// <summary>tools/go-signing (crypto/ed25519, crypto/x509, encoding/json), built once per test run into a temporary directory.</summary>
internal static class GoSigning
{
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    public static string Source => Path.Combine(RepositoryPaths.Root, "tools", "go-signing");

    public static async Task<string> RunAsync(string workingDirectory, string? standardInput, params string[] arguments) =>
        (await ProcessRunner.RunAsync(await Binary.Value, arguments, workingDirectory, standardInput)).Trim();

    private static async Task<string> BuildAsync()
    {
        string go = ReferenceTools.Require("go");
        var directory = Directory.CreateTempSubdirectory("rg-go-signing-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(directory.FullName))
            {
                directory.Delete(recursive: true);
            }
        };
        string binary = Path.Combine(directory.FullName, "go-signing");
        await ProcessRunner.RunAsync(go, ["build", "-o", binary, "."], Source);
        return binary;
    }
}
