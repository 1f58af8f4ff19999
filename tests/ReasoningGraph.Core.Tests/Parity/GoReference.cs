namespace ReasoningGraph.Tests.Parity;

/// <summary>tools/go-canonical, built once per test run into a temporary directory.</summary>
internal static class GoReference
{
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    /// <summary>One line per document: base64 canonical bytes, <c>!reject code</c> or <c>!error message</c>.</summary>
    public static async Task<IReadOnlyList<string>> CanonicalizeAsync(IReadOnlyList<byte[]> documents) =>
        await ProcessRunner.RunLinesAsync(await Binary.Value, ["canonical"], ReferenceTools.GoSource, documents);

    /// <summary>Regenerates the frozen vector files into <paramref name="directory"/>.</summary>
    public static async Task GenerateVectorsAsync(string directory) =>
        await ProcessRunner.RunAsync(await Binary.Value, ["vectors", "-out", directory, "-node", ReferenceTools.NodeScript], ReferenceTools.GoSource);

    private static async Task<string> BuildAsync()
    {
        string go = ReferenceTools.Require("go");
        var directory = Directory.CreateTempSubdirectory("rg-go-canonical-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(directory.FullName))
            {
                directory.Delete(recursive: true);
            }
        };
        string binary = Path.Combine(directory.FullName, "go-canonical");
        await ProcessRunner.RunAsync(go, ["build", "-o", binary, "."], ReferenceTools.GoSource);
        return binary;
    }
}
