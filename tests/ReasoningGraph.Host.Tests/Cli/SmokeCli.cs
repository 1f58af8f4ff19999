using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>Runs <c>reasoning-graph smoke</c> as a process and reads its one JSON report.</summary>
internal static class SmokeCli
{
    public static async Task<(CliResult Result, JsonElement Report)> RunAsync(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(["smoke", "--timeout", "30", .. arguments]);
        var report = result.StandardOutput.Length == 0 ? default : JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
        return (result, report);
    }

    /// <summary>The steps by name, in report order.</summary>
    public static Dictionary<string, JsonElement> Steps(JsonElement report) =>
        report.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);

    /// <summary>"name: detail" of every step that is not ok, for assertion messages.</summary>
    public static string Failures(CliResult result, JsonElement report) => report.ValueKind == JsonValueKind.Undefined
        ? result.StandardError
        : string.Join("\n", report.GetProperty("steps").EnumerateArray().Where(s => !s.GetProperty("ok").GetBoolean())
            .Select(s => s.GetProperty("name").GetString() + ": " + s.GetProperty("detail").GetString()));

    public static readonly string[] StepNames = ["health", "ready", "write-nodes", "write-edges", "trace", "explain", "snapshot", "verify", "audit"];
}
