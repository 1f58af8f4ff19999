using System.Globalization;

namespace ReasoningGraph.LoadHarness;

/// <summary>The figures of one scenario run (milliseconds; rates per second).</summary>
internal sealed record ScenarioResult(
    string Scenario,
    double OfferedRate,
    double DurationSeconds,
    int Requests,
    int Succeeded,
    double AchievedRate,
    double P50,
    double P95,
    double P99,
    double Max,
    double SendLagP99,
    IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>Summarizes a run: percentiles over every request (failed ones included, since they too were waited for).</summary>
    public static ScenarioResult From(string scenario, OpenLoopSchedule schedule, RunOutcome outcome) =>
        From(scenario, schedule.RatePerSecond, schedule.Duration, outcome);

    /// <summary>As above for a run without a schedule (offered rate 0: as fast as answers come).</summary>
    public static ScenarioResult From(string scenario, double offeredRate, TimeSpan duration, RunOutcome outcome)
    {
        var sorted = outcome.Latencies.Order().ToArray();
        var lags = outcome.SendLags.Order().ToArray();
        int succeeded = outcome.Errors.Count(e => e is null);
        var errors = outcome.Errors.OfType<string>().GroupBy(e => e, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ScenarioResult(
            scenario,
            offeredRate,
            duration.TotalSeconds,
            sorted.Length,
            succeeded,
            succeeded / outcome.Elapsed.TotalSeconds,
            LatencySummary.Percentile(sorted, 50),
            LatencySummary.Percentile(sorted, 95),
            LatencySummary.Percentile(sorted, 99),
            sorted.Length == 0 ? 0 : sorted[^1],
            LatencySummary.Percentile(lags, 99),
            errors);
    }

    public int ErrorCount => Requests - Succeeded;

    /// <summary>The text table of <paramref name="results"/>.</summary>
    public static string Table(IEnumerable<ScenarioResult> results)
    {
        var lines = new List<string>
        {
            "| scenario | offered/s | achieved/s | requests | errors | p50 ms | p95 ms | p99 ms | max ms | send lag p99 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        foreach (var r in results)
        {
            string errors = r.ErrorCount == 0 ? "0" : $"{r.ErrorCount} ({string.Join(", ", r.Errors.Select(e => $"{e.Key}: {e.Value}"))})";
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.OfferedRate:0} | {r.AchievedRate:0} | {r.Requests} | {errors} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Max:0.0} | {r.SendLagP99:0.0} |"));
        }

        return string.Join('\n', lines);
    }
}
