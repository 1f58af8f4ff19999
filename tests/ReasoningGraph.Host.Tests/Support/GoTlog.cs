using System.Diagnostics;
using System.Text.Json.Nodes;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Support;

/// <summary>
/// The independent verifier of the verifiable log: tools/go-tlog, Go's own <c>sumdb/note</c> and <c>sumdb/tlog</c>,
/// built once per test run in GOPATH mode against Debian's golang-golang-x-mod-dev (nothing is downloaded). It reads
/// <c>{"verifierKey","checkpoints":[…],"inclusion":[{"checkpoint",…proof}],"consistency":[{"from","to","hashes"}]}</c>
/// (from and to index the checkpoints) and answers <c>ok &lt;checkpoints&gt; &lt;inclusion&gt; &lt;consistency&gt;</c>
/// or <c>failed: …</c>.
/// </summary>
internal static class GoTlog
{
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    /// <summary>
    /// The verifier's input for two checkpoints, <paramref name="first"/> then <paramref name="second"/>: inclusion proofs
    /// (each naming its checkpoint, 0 or 1) and the consistency proof between them, whose <c>from</c> and <c>to</c> (tree
    /// sizes as served) become the checkpoints' indexes.
    /// </summary>
    public static JsonObject TwoCheckpoints(string verifierKey, string first, string second, JsonArray inclusion, JsonObject consistency)
    {
        consistency["from"] = 0;
        consistency["to"] = 1;
        return new JsonObject
        {
            ["verifierKey"] = verifierKey,
            ["checkpoints"] = new JsonArray(first, second),
            ["inclusion"] = inclusion,
            ["consistency"] = new JsonArray(consistency),
        };
    }

    /// <summary>The verifier's one line of output for <paramref name="input"/>.</summary>
    public static async Task<string> RunAsync(string input)
    {
        var start = new ProcessStartInfo(await Binary.Value) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }

    private static async Task<string> BuildAsync()
    {
        var output = Directory.CreateTempSubdirectory("rg-go-tlog-");
        string binary = Path.Combine(output.FullName, "go-tlog");
        var start = new ProcessStartInfo("go", ["build", "-o", binary, "."])
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "tools", "go-tlog"),
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = "/usr/share/gocode";
        start.Environment["GOCACHE"] = Path.Combine(output.FullName, "cache");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("go is not installed (Debian package golang-go)");
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "go build tools/go-tlog failed (Debian package golang-golang-x-mod-dev installed?): " + error);
        return binary;
    }
}
