using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// Batch commands run by CronJobs (<c>export</c>, <c>export-snapshots</c>) push their outcome to the Prometheus
/// Pushgateway named by <c>PROM_PUSH_GATEWAY</c>, as batch jobs do (nothing scrapes a finished pod):
/// <c>reasoning_graph_batch_last_run_timestamp_seconds</c>, <c>…_duration_seconds</c>, <c>…_exit_code</c>, and on
/// success <c>…_last_success_timestamp_seconds</c>, under <c>job="reasoning-graph-&lt;command&gt;"</c>. POST, not PUT:
/// a failed run leaves the last success in place, so an alert on its age fires. A push that fails is reported on
/// stderr and never changes the command's exit code.
/// </summary>
internal static class BatchPush
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="command"/> and pushes its outcome when <c>PROM_PUSH_GATEWAY</c> is set.</summary>
    public static async Task<int> RunAsync(string name, Func<Task<int>> command)
    {
        long started = Stopwatch.GetTimestamp();
        int exitCode = await command();
        if (Environment.GetEnvironmentVariable("PROM_PUSH_GATEWAY") is { Length: > 0 } gateway)
        {
            await PushAsync(gateway, name, exitCode, Stopwatch.GetElapsedTime(started));
        }

        return exitCode;
    }

    /// <summary>The Prometheus text pushed for one run.</summary>
    public static string Body(int exitCode, TimeSpan duration, DateTimeOffset now)
    {
        var text = new StringBuilder();
        void Gauge(string metric, double value, string help) => text
            .Append(CultureInfo.InvariantCulture, $"# HELP reasoning_graph_batch_{metric} {help}\n# TYPE reasoning_graph_batch_{metric} gauge\n")
            .Append(CultureInfo.InvariantCulture, $"reasoning_graph_batch_{metric} {value}\n");
        double seconds = now.ToUnixTimeMilliseconds() / 1000.0;
        Gauge("last_run_timestamp_seconds", seconds, "When the command last finished.");
        Gauge("duration_seconds", duration.TotalSeconds, "How long its last run took.");
        Gauge("exit_code", exitCode, "Its last exit code (0: success).");
        if (exitCode == 0)
        {
            Gauge("last_success_timestamp_seconds", seconds, "When it last succeeded.");
        }

        return text.ToString();
    }

    private static async Task PushAsync(string gateway, string name, int exitCode, TimeSpan duration)
    {
        if (!Uri.TryCreate(gateway.TrimEnd('/') + "/metrics/job/reasoning-graph-" + name, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"warning: PROM_PUSH_GATEWAY '{gateway}' is not an http(s) URL; the outcome was not pushed.");
            return;
        }

        try
        {
            using var client = new HttpClient { Timeout = Timeout };
            using var content = new StringContent(Body(exitCode, duration, TimeProvider.System.GetUtcNow()), Encoding.UTF8, "text/plain");
            content.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("version", "0.0.4"));
            using var response = await client.PostAsync(url, content);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"warning: the Pushgateway answered {(int)response.StatusCode} to {url}; the outcome was not pushed.");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"warning: the outcome was not pushed to {url}: {e.Message}");
        }
    }
}
