using System.Text.Json;
using ReasoningGraph.LoadHarness;

// An open-loop load generator for the reference host (docs/BENCHMARKS.md, "Reference host under load").
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(e.Message + "\n\n" + LoadOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = await LoadRun.RunAsync(options, Console.Error, cancel.Token);
Console.WriteLine(ScenarioResult.Table(results));
if (options.JsonPath is not null)
{
    await File.WriteAllTextAsync(options.JsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
}

return results.Any(r => r.ErrorCount > 0) ? 1 : 0;
