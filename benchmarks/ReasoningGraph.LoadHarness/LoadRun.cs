using System.Globalization;

namespace ReasoningGraph.LoadHarness;

/// <summary>Seeds (when tracing), then runs each scenario: a warm-up on the schedule, then the recorded run.</summary>
internal static class LoadRun
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        using var client = LoadClient.Create(options.Url, options.Connections, options.Principal, options.Bearer);
        var results = new List<ScenarioResult>();
        foreach (string scenario in options.Scenarios)
        {
            if (scenario == Scenarios.SequentialWrites)
            {
                results.Add(await RunSequentialAsync(options, client, log, cancellationToken).ConfigureAwait(false));
                continue;
            }

            var (name, rate, send) = await PrepareAsync(scenario, options, client, log, cancellationToken).ConfigureAwait(false);
            if (options.Warmup > TimeSpan.Zero)
            {
                await OpenLoopRunner.RunAsync(new OpenLoopSchedule(rate, options.Warmup), send, cancellationToken).ConfigureAwait(false);
            }

            var schedule = new OpenLoopSchedule(rate, options.Duration);
            var result = ScenarioResult.From(name, schedule, await OpenLoopRunner.RunAsync(schedule, send, cancellationToken).ConfigureAwait(false));
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}: {result.Succeeded}/{result.Requests} ok, p95 {result.P95:0.0} ms")).ConfigureAwait(false);
            results.Add(result);
        }

        return results;
    }

    private static async Task<ScenarioResult> RunSequentialAsync(LoadOptions options, HttpClient client, TextWriter log, CancellationToken cancellationToken)
    {
        var send = Scenarios.Write(client, Guid.NewGuid().ToString("N"));
        if (options.Warmup > TimeSpan.Zero)
        {
            await ClosedLoopRunner.RunAsync(options.Warmup, send, cancellationToken).ConfigureAwait(false);
        }

        var result = ScenarioResult.From("POST /reason/node, 1 sequential client", 0, options.Duration,
            await ClosedLoopRunner.RunAsync(options.Duration, send, cancellationToken).ConfigureAwait(false));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Scenario}: {result.AchievedRate:0}/s, p50 {result.P50:0.00} ms")).ConfigureAwait(false);
        return result;
    }

    private static async Task<(string Name, double Rate, Func<int, CancellationToken, Task<string?>> Send)> PrepareAsync(
        string scenario, LoadOptions options, HttpClient client, TextWriter log, CancellationToken cancellationToken)
    {
        if (scenario == Scenarios.Writes)
        {
            return ("POST /reason/node", options.WritesRate, Scenarios.Write(client, Guid.NewGuid().ToString("N")));
        }

        Guid root;
        if (options.Root is { } given)
        {
            root = given;
        }
        else
        {
            await log.WriteLineAsync($"seeding a {options.Nodes}-node closure through /reason/nodes and /reason/edges").ConfigureAwait(false);
            root = await ClosureSeeder.SeedAsync(client, options.Nodes, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"seeded; rerun against it with --root {root}").ConfigureAwait(false);
        }

        int nodes = await ClosureSeeder.TraceNodeCountAsync(client, root, cancellationToken).ConfigureAwait(false);
        return ($"GET /reason/traces/{{id}} ({nodes} nodes)", options.TracesRate, Scenarios.Trace(client, root));
    }
}
