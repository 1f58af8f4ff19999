using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>
/// A real Prometheus on a free loopback port, with its storage in a directory of the test, scraping its targets every
/// second and loading a rules file; killed with its process tree on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PrometheusServer(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>What Prometheus logged so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts Prometheus scraping the <c>/metrics</c> of <paramref name="targets"/> over HTTPS trusting <paramref name="caFile"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(DirectoryInfo directory, IEnumerable<Uri> targets, string caFile, string rulesFile, string job)
    {
        string config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - "{rulesFile}"
            scrape_configs:
              - job_name: {job}
                scheme: https
                tls_config:
                  ca_file: "{caFile}"
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"\"{t.Authority}\""))}]
            """);
        int port = FreePort();
        var start = new ProcessStartInfo(MonitoringTools.Require("prometheus"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(directory.FullName, "tsdb"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var server = new PrometheusServer(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await server.WaitForReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An instant query: the API's answer, <c>status</c> <c>success</c> or <c>error</c> with <c>error</c>.</summary>
    public async Task<JsonElement> QueryAsync(string promQl) => await PostAsync("/api/v1/query", [new("query", promQl)]);

    /// <summary>The series a selector matches.</summary>
    public async Task<JsonElement> SeriesAsync(string selector) => await PostAsync("/api/v1/series", [new("match[]", selector)]);

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Waits until each of the <paramref name="targets"/> of <paramref name="job"/> has been scraped successfully <paramref name="scrapes"/> times.</summary>
    public async Task WaitForScrapesAsync(string job, int targets, int scrapes)
    {
        string query = $"sum_over_time(up{{job=\"{job}\"}}[1m])";
        await WaitUntilAsync(async () =>
        {
            var result = (await QueryAsync(query)).GetProperty("data").GetProperty("result").EnumerateArray().ToList();
            return result.Count == targets
                && result.All(r => double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) >= scrapes);
        }, async () => $"{job} was not scraped {scrapes} times; targets: {await GetAsync("/api/v1/targets")}");
    }

    /// <summary>Waits until the rule manager has evaluated every loaded rule at least once.</summary>
    public async Task WaitForRuleEvaluationAsync() =>
        await WaitUntilAsync(async () =>
        {
            var rules = Rules(await GetAsync("/api/v1/rules")).ToList();
            return rules.Count > 0 && rules.All(r => !r.GetProperty("lastEvaluation").GetString()!.StartsWith("0001-", StringComparison.Ordinal));
        }, async () => $"the rules were not all evaluated: {await GetAsync("/api/v1/rules")}");

    /// <summary>Every rule of a <c>/api/v1/rules</c> answer.</summary>
    public static IEnumerable<JsonElement> Rules(JsonElement answer) =>
        answer.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray());

    public async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>> failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Patience || _process.HasExited)
            {
                Assert.Fail(await failure() + "\nprometheus log:\n" + Log);
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<JsonElement> PostAsync(string path, KeyValuePair<string, string>[] form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task WaitForReadyAsync() =>
        await WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await Client.GetAsync(new Uri("/-/ready", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, () => Task.FromResult("prometheus did not become ready (exited: " + _process.HasExited + ")"));

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
