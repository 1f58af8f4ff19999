using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningGraph.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>One alerting rule of deploy/monitoring/alerts.yml.</summary>
internal sealed record AlertRule(string Name, string Expr, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>One <c>alert_rule_test</c> case of alerts.test.yml: which alert, and whether it expects it to fire.</summary>
internal sealed record AlertTestCase(string Alert, string EvalTime, bool Fires);

/// <summary>One query of a dashboard panel.</summary>
internal sealed record DashboardQuery(string Panel, string Expr);

/// <summary>deploy/monitoring as Prometheus and Grafana read it: the alert rules, their unit tests, the dashboard's queries.</summary>
internal static partial class MonitoringFiles
{
    /// <summary>The scrape job name the rules' availability alerts select on (alerts.yml's header).</summary>
    public const string Job = "reasoning-graph";

    public static string Folder => Path.Combine(RepositoryPaths.Root, "deploy", "monitoring");

    public static string Rules => Path.Combine(Folder, "alerts.yml");

    public static string RuleTests => Path.Combine(Folder, "alerts.test.yml");

    public static string Dashboard => Path.Combine(Folder, "dashboard.json");

    public static IReadOnlyList<AlertRule> Alerts()
    {
        var alerts = new List<AlertRule>();
        foreach (var group in Sequence(LoadYaml(Rules), "groups"))
        {
            foreach (var rule in Sequence(group, "rules"))
            {
                if (Scalar(rule, "alert") is { } name)
                {
                    alerts.Add(new AlertRule(name, Scalar(rule, "expr") ?? "", Map(rule, "labels"), Map(rule, "annotations")));
                }
            }
        }

        return alerts;
    }

    public static IReadOnlyList<AlertTestCase> RuleTestCases()
    {
        var cases = new List<AlertTestCase>();
        foreach (var test in Sequence(LoadYaml(RuleTests), "tests"))
        {
            foreach (var check in Sequence(test, "alert_rule_test"))
            {
                cases.Add(new AlertTestCase(Scalar(check, "alertname") ?? "", Scalar(check, "eval_time") ?? "", Sequence(check, "exp_alerts").Any()));
            }
        }

        return cases;
    }

    public static JsonElement DashboardJson() => JsonDocument.Parse(File.ReadAllText(Dashboard)).RootElement.Clone();

    /// <summary>Every target expression of every panel (rows included).</summary>
    public static IReadOnlyList<DashboardQuery> DashboardQueries()
    {
        var queries = new List<DashboardQuery>();
        foreach (var panel in Panels(DashboardJson()))
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                string title = panel.GetProperty("title").GetString()!;
                queries.AddRange(targets.EnumerateArray().Select(t => new DashboardQuery(title, t.GetProperty("expr").GetString()!)));
            }
        }

        return queries;
    }

    /// <summary>The metrics the dashboard's template variables query (<c>label_values(metric, label)</c>).</summary>
    public static IEnumerable<string> VariableMetrics() =>
        DashboardJson().GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.TryGetProperty("definition", out _))
            .Select(v => LabelValues().Match(v.GetProperty("definition").GetString()!))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);

    /// <summary>A dashboard query with Grafana's variables replaced as Grafana does for one job.</summary>
    public static string AsPromQl(string expr) => expr
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__interval", "1m", StringComparison.Ordinal)
        .Replace("$__range", "1h", StringComparison.Ordinal)
        .Replace("${job}", Job, StringComparison.Ordinal)
        .Replace("$job", Job, StringComparison.Ordinal);

    /// <summary>
    /// The vector selectors of a PromQL expression, each as its metric name and its text (<c>name{matchers}</c>):
    /// identifiers outside strings, ranges and grouping clauses that are neither functions, aggregations nor keywords.
    /// </summary>
    public static IReadOnlyList<(string Name, string Selector)> Selectors(string promQl)
    {
        var selectors = new List<(string, string)>();
        int i = 0;
        while (i < promQl.Length)
        {
            char c = promQl[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(promQl, i);
            }
            else if (c is '[')
            {
                i = promQl.IndexOf(']', i) + 1; // a range or a subquery
            }
            else if (char.IsDigit(c) || c is '.' or '$')
            {
                i = SkipWord(promQl, i + 1); // a number, a duration, a dashboard variable
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                int start = i;
                i = SkipWord(promQl, i);
                string name = promQl[start..i];
                int next = i;
                while (next < promQl.Length && char.IsWhiteSpace(promQl[next]))
                {
                    next++;
                }

                bool call = next < promQl.Length && promQl[next] == '(';
                if (Groupings.Contains(name))
                {
                    i = call ? promQl.IndexOf(')', next) + 1 : i;
                }
                else if (!call && !Keywords.Contains(name))
                {
                    if (next < promQl.Length && promQl[next] == '{')
                    {
                        i = SkipMatchers(promQl, next);
                    }

                    selectors.Add((name, promQl[start..i]));
                }
            }
            else
            {
                i++;
            }
        }

        return selectors;
    }

    /// <summary>The metric names an expression selects.</summary>
    public static IReadOnlySet<string> MetricNames(string promQl) => Selectors(promQl).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The histograms (without <c>_bucket</c>) whose buckets an expression takes a quantile of.</summary>
    public static IEnumerable<string> QuantileHistograms(string promQl) =>
        promQl.Contains("histogram_quantile", StringComparison.Ordinal)
            ? MetricNames(promQl).Where(n => n.EndsWith("_bucket", StringComparison.Ordinal)).Select(n => n[..^"_bucket".Length])
            : [];

    private static readonly HashSet<string> Groupings = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };

    // Aggregations may be followed by a grouping clause before their parenthesis, so they are not always seen as calls.
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
    };

    private static int SkipWord(string text, int i)
    {
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or ':' or '.'))
        {
            i++;
        }

        return i;
    }

    private static int SkipString(string text, int i)
    {
        char quote = text[i++];
        while (i < text.Length && text[i] != quote)
        {
            i += text[i] == '\\' && quote != '`' ? 2 : 1;
        }

        return i + 1;
    }

    private static int SkipMatchers(string text, int i)
    {
        while (i < text.Length && text[i] != '}')
        {
            i = text[i] is '"' or '\'' or '`' ? SkipString(text, i) : i + 1;
        }

        return i + 1;
    }

    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var nested in Panels(panel))
            {
                yield return nested;
            }
        }
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string key) => Child(node, key) as YamlSequenceNode ?? [];

    private static Dictionary<string, string> Map(YamlNode node, string key) =>
        (Child(node, key) as YamlMappingNode)?.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? "", StringComparer.Ordinal)
        ?? [];

    [GeneratedRegex(@"label_values\(\s*([a-zA-Z_:][\w:]*)")]
    private static partial Regex LabelValues();
}
