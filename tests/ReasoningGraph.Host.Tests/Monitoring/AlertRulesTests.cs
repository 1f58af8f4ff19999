using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>
/// What the on-call needs from every alert (a severity, what happened, what to do, a runbook that exists) and what
/// keeps the rules honest (each alert unit-tested firing and not firing); the dashboard's shape for Grafana.
/// </summary>
public sealed partial class AlertRulesTests
{
    private static readonly string Runbooks = Path.Combine(RepositoryPaths.Root, "docs", "runbooks");

    [Fact]
    public void TheRules_CoverWhatTheOnCallPagesOn()
    {
        var alerts = MonitoringFiles.Alerts();
        string all = string.Join("\n", alerts.Select(a => a.Expr));

        Assert.True(alerts.Count >= 12, $"only {alerts.Count} alerts");
        Assert.Equal(alerts.Count, alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (string metric in new[]
        {
            "reasoning_graph_signing_failures_total", "reasoning_graph_host_audit_signature_oldest_pending_seconds",
            "reasoning_graph_host_snapshots_unsigned", "reasoning_graph_host_archive_oldest_unarchived_seconds",
            "http_server_request_duration_seconds_bucket", "http_server_request_duration_seconds_count",
            "reasoning_graph_write_refusals_total", "reasoning_graph_host_certificate_expiry_seconds",
            "reasoning_graph_canonicalization_failures_total", "reasoning_graph_host_signer_up",
            "reasoning_graph_host_signing_hold", "reasoning_graph_host_read_only", "reasoning_graph_batch_last_success_timestamp_seconds",
        })
        {
            Assert.Contains(metric, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryAlert_HasASeverity_AndTellsTheOnCallWhatToDo()
    {
        foreach (var alert in MonitoringFiles.Alerts())
        {
            Assert.True(alert.Labels.TryGetValue("severity", out string? severity) && severity is "critical" or "warning",
                $"{alert.Name}: severity must be critical or warning");
            foreach (string annotation in new[] { "summary", "description", "runbook_url" })
            {
                Assert.True(alert.Annotations.TryGetValue(annotation, out string? text) && text.Trim().Length > 0, $"{alert.Name}: no {annotation}");
            }
        }
    }

    [Fact]
    public void EveryAlert_LinksARunbookThatExists_AndIsListed()
    {
        string index = File.ReadAllText(Path.Combine(Runbooks, "README.md"));
        foreach (var alert in MonitoringFiles.Alerts())
        {
            string url = alert.Annotations.GetValueOrDefault("runbook_url", "");
            Assert.StartsWith("docs/runbooks/", url, StringComparison.Ordinal);
            string[] parts = url["docs/runbooks/".Length..].Split('#', 2);
            string file = Path.Combine(Runbooks, parts[0]);
            Assert.True(File.Exists(file), $"{alert.Name}: {url} does not exist");
            Assert.True(index.Contains("(" + parts[0] + ")", StringComparison.Ordinal), $"{alert.Name}: {parts[0]} is not in docs/runbooks/README.md");
            if (parts.Length == 2)
            {
                var anchors = File.ReadLines(file).Where(l => l.StartsWith('#')).Select(Anchor).ToList();
                Assert.True(anchors.Contains(parts[1]), $"{alert.Name}: {url} names no heading of {parts[0]}");
            }
        }
    }

    [Fact]
    public void EveryAlert_IsUnitTested_FiringAndNotFiring()
    {
        var alerts = MonitoringFiles.Alerts().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var cases = MonitoringFiles.RuleTestCases();

        var unknown = cases.Select(c => c.Alert).Where(a => !alerts.Contains(a)).Distinct().ToList();
        Assert.True(unknown.Count == 0, "alerts.test.yml tests alerts that alerts.yml does not define: " + string.Join(", ", unknown));
        var neverFiring = alerts.Where(a => !cases.Any(c => c.Alert == a && c.Fires)).ToList();
        var neverQuiet = alerts.Where(a => !cases.Any(c => c.Alert == a && !c.Fires)).ToList();
        Assert.True(neverFiring.Count == 0, "no test case where these fire: " + string.Join(", ", neverFiring));
        Assert.True(neverQuiet.Count == 0, "no test case where these must not fire: " + string.Join(", ", neverQuiet));
    }

    [Fact]
    public void TheDashboard_IsForCurrentGrafana_WithThePrometheusSourceAsAVariable()
    {
        var dashboard = MonitoringFiles.DashboardJson();

        Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() >= 36);
        var variables = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "datasource"
            && v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");
        var queried = Panels(dashboard).Where(p => p.TryGetProperty("targets", out _)).ToList();
        Assert.NotEmpty(queried);
        foreach (var panel in queried)
        {
            string title = panel.GetProperty("title").GetString()!;
            Assert.True(panel.GetProperty("datasource").GetProperty("uid").GetString() == "${datasource}", $"panel '{title}' does not use $datasource");
            Assert.All(panel.GetProperty("targets").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), title));
        }

        var ids = Panels(dashboard).Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Selectors_AreFoundOutsideStringsRangesAndGroupings()
    {
        var selectors = MonitoringFiles.Selectors(
            "histogram_quantile(0.95, sum by (job, le) (rate(a_bucket{route=\"/x/{id}\", le=~\"0.05\"}[5m]))) > 0.05 "
            + "and on(job) max without (instance) (b_total offset 5m) / ignoring(code) c unless absent(up{job=\"x\"} == 1) > 1e3");

        Assert.Equal(
            new[] { ("a_bucket", "a_bucket{route=\"/x/{id}\", le=~\"0.05\"}"), ("b_total", "b_total"), ("c", "c"), ("up", "up{job=\"x\"}") },
            selectors);
    }

    /// <summary>The anchor a Markdown renderer gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading) =>
        NotAnchorCharacter().Replace(heading.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-');

    private static IEnumerable<JsonElement> Panels(JsonElement container) =>
        container.TryGetProperty("panels", out var panels)
            ? panels.EnumerateArray().SelectMany(p => new[] { p }.Concat(Panels(p)))
            : [];

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotAnchorCharacter();
}
