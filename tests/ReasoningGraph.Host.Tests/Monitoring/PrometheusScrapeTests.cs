using System.Net;
using System.Text.Json;
using ReasoningGraph.Host.Tests.Http;

namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>
/// The rules and the dashboard against a real scrape: Prometheus loads and evaluates every rule, answers every
/// expression without error, every selector matches series the host exports, every histogram a quantile is taken of
/// can resolve the 50 ms SLO, and a signer outage sets the signing alerts on their way.
/// </summary>
public sealed class PrometheusScrapeTests(ScrapedHost scraped) : IClassFixture<ScrapedHost>
{
    // Prometheus's own series, not the host's.
    private static readonly HashSet<string> PrometheusSeries = new(StringComparer.Ordinal) { "up" };

    // Pushed to the Pushgateway by the export CronJobs, not exported by the host (RunbookNamesTests checks the push).
    private static readonly HashSet<string> PushedSeries = new(StringComparer.Ordinal) { "reasoning_graph_batch_last_success_timestamp_seconds" };

    [Fact]
    public async Task Prometheus_LoadsEveryAlert_AndEvaluatesItWithoutError()
    {
        var rules = PrometheusServer.Rules(await scraped.Prometheus.GetAsync("/api/v1/rules")).ToList();

        Assert.Equal(MonitoringFiles.Alerts().Select(a => a.Name).Order(StringComparer.Ordinal), rules.Select(r => r.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        var unhealthy = rules.Where(r => r.GetProperty("health").GetString() != "ok")
            .Select(r => $"{r.GetProperty("name")}: {r.GetProperty("health")} {(r.TryGetProperty("lastError", out var e) ? e.ToString() : "")}").ToList();
        Assert.True(unhealthy.Count == 0, string.Join("\n", unhealthy));
    }

    [Fact]
    public async Task EveryRuleExpression_IsAnsweredWithoutError() =>
        await AssertAnsweredAsync(MonitoringFiles.Alerts().Select(a => (a.Name, a.Expr)));

    [Fact]
    public async Task EveryDashboardQuery_IsAnsweredWithoutError() =>
        await AssertAnsweredAsync(MonitoringFiles.DashboardQueries().Select(q => (q.Panel, MonitoringFiles.AsPromQl(q.Expr))));

    [Fact]
    public async Task EveryMetricTheRulesAndTheDashboardUse_IsExportedByTheHost()
    {
        var exported = ExportedNames(await scraped.MetricsAsync());

        var missing = AllExpressions().SelectMany(MonitoringFiles.MetricNames).Concat(MonitoringFiles.VariableMetrics())
            .Where(n => !PrometheusSeries.Contains(n) && !PushedSeries.Contains(n) && !exported.Contains(n))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "not in the host's /metrics: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EverySelectorOfAnExportedMetric_MatchesSeries()
    {
        // A label value that no series has (a misspelt route or code) would make a rule silently never fire.
        var exported = ExportedNames(await scraped.MetricsAsync());
        var empty = new List<string>();
        foreach (var (name, selector) in AllExpressions().SelectMany(MonitoringFiles.Selectors).Distinct())
        {
            if ((exported.Contains(name) || PrometheusSeries.Contains(name))
                && (await scraped.Prometheus.SeriesAsync(selector)).GetProperty("data").GetArrayLength() == 0)
            {
                empty.Add(selector);
            }
        }

        Assert.True(empty.Count == 0, "selectors that match no series:\n" + string.Join("\n", empty));
    }

    [Fact]
    public async Task EveryHistogramAQuantileIsTakenOf_HasA50MillisecondBucket()
    {
        // A seconds histogram with millisecond-sized buckets (5, 10, … 10000) puts every request under le="5": its p95
        // reads seconds whatever the latency, and no SLO panel or alert can be read from it.
        string metrics = await scraped.MetricsAsync();

        var coarse = AllExpressions().SelectMany(MonitoringFiles.QuantileHistograms).Distinct()
            .Where(h => !metrics.Split('\n').Any(l => l.StartsWith(h + "_bucket{", StringComparison.Ordinal) && l.Contains("le=\"0.05\"", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(coarse.Count == 0, "histograms without a 0.05 s bucket boundary: " + string.Join(", ", coarse));
    }

    [Fact]
    public async Task ASignerOutage_SetsTheSigningAlertsPending()
    {
        string[] signing = ["ReasoningGraphSignerDown", "ReasoningGraphSigningFailing"];
        Assert.Empty((await ActiveAlertsAsync()).Intersect(signing));

        scraped.SigningProxy.Up = false;
        try
        {
            var (status, _) = await HostApi.PostAsync(scraped.Kernel, "/reason/snapshot", new { rootNodeIds = new[] { scraped.Root } });
            Assert.NotEqual(HttpStatusCode.Created, status);

            // Pending, not firing: their `for` (5 and 10 minutes) is longer than a test.
            await scraped.Prometheus.WaitUntilAsync(
                async () => signing.All((await ActiveAlertsAsync()).Contains),
                async () => "the signing alerts did not become active: " + await scraped.Prometheus.GetAsync("/api/v1/alerts"));
        }
        finally
        {
            scraped.SigningProxy.Up = true;
        }
    }

    [Fact]
    public async Task ADuplicateKeyedBody_FiresTheCanonicalizationAlert_EndToEnd()
    {
        const string alert = "ReasoningGraphCanonicalizationFailures";
        Assert.DoesNotContain(alert, await ActiveAlertsAsync());

        // The alert has no hold time: one refused body, scraped and evaluated, makes it fire.
        using var body = new StringContent("""{"type":"observation","type":"decision","author":"kernel","payload":{}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await scraped.Kernel.PostAsync(new Uri("/reason/node", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("CANONICALIZATION_ERROR", HostApi.ErrorCode(await HostApi.ReadAsync(response)));
        await scraped.Prometheus.WaitUntilAsync(
            async () => (await scraped.Prometheus.GetAsync("/api/v1/alerts")).GetProperty("data").GetProperty("alerts").EnumerateArray()
                .Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == alert
                    && a.GetProperty("labels").GetProperty("reason").GetString() == "duplicate-key"
                    && a.GetProperty("state").GetString() == "firing"),
            async () => $"{alert} did not fire: " + await scraped.Prometheus.GetAsync("/api/v1/alerts"));
    }

    private static IEnumerable<string> AllExpressions() =>
        MonitoringFiles.Alerts().Select(a => a.Expr).Concat(MonitoringFiles.DashboardQueries().Select(q => MonitoringFiles.AsPromQl(q.Expr)));

    /// <summary>The sample names of an exposition (a histogram's <c>_bucket</c>, <c>_sum</c>, <c>_count</c> included).</summary>
    private static HashSet<string> ExportedNames(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l[..l.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

    private async Task<HashSet<string>> ActiveAlertsAsync() =>
        (await scraped.Prometheus.GetAsync("/api/v1/alerts")).GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => a.GetProperty("labels").GetProperty("alertname").GetString()!)
            .ToHashSet(StringComparer.Ordinal);

    private async Task AssertAnsweredAsync(IEnumerable<(string Where, string Expr)> expressions)
    {
        var failures = new List<string>();
        foreach (var (where, expr) in expressions)
        {
            JsonElement answer = await scraped.Prometheus.QueryAsync(expr);
            if (answer.GetProperty("status").GetString() != "success")
            {
                failures.Add($"{where}: {answer.GetProperty("error")} in {expr}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
