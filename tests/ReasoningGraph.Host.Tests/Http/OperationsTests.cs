using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>/health, /ready, /metrics and per-principal rate limiting on the running service.</summary>
public sealed class OperationsTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-ops-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task Metrics_ShowTheLibraryInstrumentsAndHttpServerMetricsAfterTraffic()
    {
        await using var host = await StartAsync();
        using var client = host.Client(devPrincipal: "ops");
        string a = Guid.NewGuid().ToString();
        await HostApi.PostAsync(client, "/reason/node", HostApi.Node("observation", a));
        await HostApi.GetAsync(client, $"/reason/traces/{a}");
        await HostApi.GetAsync(client, $"/reason/trace/{a}");
        using var bad = await client.PostAsync(new Uri("/reason/node", UriKind.Relative), new StringContent(
            "{\"type\":\"observation\",\"author\":\"k\",\"payload\":{\"n\":1e400}}", System.Text.Encoding.UTF8, "application/json"));

        string metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("reasoning_graph_trace_query_latency_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("reasoning_graph_canonicalization_failures_total", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ExportEveryTotalFromStartUp_ForEveryKnownReasonAndAudience()
    {
        // No traffic: an alert on a total can only be written if its series exists before the first increment.
        await using var host = await StartAsync();
        using var client = host.Client(devPrincipal: "ops");

        string metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        foreach (string reason in (string[])["invalid-json", "duplicate-key", "invalid-utf8", "lone-surrogate", "number-out-of-range", "max-depth"])
        {
            Assert.Matches($"reasoning_graph_canonicalization_failures_total\\{{[^}}]*reason=\"{reason}\"[^}}]*\\}} \\d+", metrics);
        }

        foreach (string audience in (string[])["operator", "auditor"])
        {
            Assert.Matches($"reasoning_graph_snapshots_total\\{{[^}}]*audience=\"{audience}\"[^}}]*\\}} \\d+", metrics);
        }

        foreach (string kind in (string[])["node", "edge", "annotation"])
        {
            Assert.Matches($"reasoning_graph_writes_total\\{{[^}}]*kind=\"{kind}\"[^}}]*\\}} \\d+", metrics);
        }

        foreach (string code in (string[])["INVALID_PAYLOAD", "FORBIDDEN", "SIGNING_FAILURE", "STORE_UNAVAILABLE"])
        {
            Assert.Matches($"reasoning_graph_write_refusals_total\\{{[^}}]*code=\"{code}\"[^}}]*\\}} \\d+", metrics);
        }

        foreach (string operation in (string[])["audit_event", "snapshot"])
        {
            Assert.Matches($"reasoning_graph_signing_failures_total\\{{[^}}]*operation=\"{operation}\"[^}}]*\\}} \\d+", metrics);
        }

        foreach (string name in (string[])["reasoning_graph_host_rate_limited_total", "reasoning_graph_host_snapshot_worker_failures_total", "reasoning_graph_host_signer_up"])
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_CountWritesByKind_AndRefusalsByCode()
    {
        // The library's totals are process-wide and other tests write too: compare what this test adds, at least.
        await using var host = await StartAsync();
        using var client = host.Client(devPrincipal: "ops");
        string before = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString();
        await HostApi.PostAsync(client, "/reason/nodes", new { nodes = new[] { HostApi.Node("observation", a), HostApi.Node("decision", b) } });
        await HostApi.PostAsync(client, "/reason/edge", new { from = a, to = b, type = "causal" });
        await HostApi.PostAsync(client, "/reason/edge", new { from = a, to = Guid.NewGuid(), type = "causal" }); // NOT_FOUND

        // The exporter caches a scrape for a moment (300 ms by default): read until the writes show, for at most 5 s.
        string after = before;
        for (int i = 0; i < 50 && Total(after, "reasoning_graph_writes_total", "kind", "edge") == Total(before, "reasoning_graph_writes_total", "kind", "edge"); i++)
        {
            await Task.Delay(100);
            after = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        Assert.True(Total(after, "reasoning_graph_writes_total", "kind", "node") - Total(before, "reasoning_graph_writes_total", "kind", "node") >= 2);
        Assert.True(Total(after, "reasoning_graph_writes_total", "kind", "edge") - Total(before, "reasoning_graph_writes_total", "kind", "edge") >= 1);
        Assert.True(Total(after, "reasoning_graph_write_refusals_total", "code", "NOT_FOUND") - Total(before, "reasoning_graph_write_refusals_total", "code", "NOT_FOUND") >= 1);
        Assert.Contains("reasoning_graph_write_duration_seconds_bucket", after, StringComparison.Ordinal);
        Assert.Contains("reasoning_graph_signing_duration_seconds_bucket", after, StringComparison.Ordinal);
    }

    private static double Total(string metrics, string name, string tag, string value) =>
        double.Parse(
            System.Text.RegularExpressions.Regex.Match(metrics, $"(?m)^{name}\\{{[^}}]*{tag}=\"{value}\"[^}}]*\\}} (\\S+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task RateLimit_RefusesAPrincipalOverItsBudget_WithRateLimited()
    {
        await using var host = await StartAsync(("RATE_LIMIT_PER_SECOND", "1"), ("RATE_LIMIT_BURST", "2"));
        using var greedy = host.Client(devPrincipal: "greedy");
        using var other = host.Client(devPrincipal: "patient");
        string path = "/reason/node/6f1c1c33-5a4e-4c1b-9a57-3a1d2a0c0001";

        // Burst of 2, one token a second: well within 20 back-to-back requests one is refused, however slow the machine.
        System.Text.Json.JsonElement? refusal = null;
        for (int i = 0; i < 20 && refusal is null; i++)
        {
            var (status, body) = await HostApi.GetAsync(greedy, path);
            if (status == HttpStatusCode.TooManyRequests)
            {
                refusal = body;
            }
        }

        Assert.NotNull(refusal);
        Assert.Equal("RATE_LIMITED", HostApi.ErrorCode(refusal.Value));
        Assert.Equal(HttpStatusCode.NotFound, (await HostApi.GetAsync(other, path)).Status);
        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(greedy, "/health")).Status);
    }

    [Fact]
    public async Task RateLimit_AFloodingDivision_DoesNotStarveTheOtherDivisionsOfItsPrincipal()
    {
        await using var host = await StartAsync(
            ("RATE_LIMIT_PER_SECOND", "1"), ("RATE_LIMIT_BURST", "30"), ("RATE_LIMIT_PER_DIVISION_PER_SECOND", "1"), ("RATE_LIMIT_PER_DIVISION_BURST", "5"));
        using var kernel = host.Client(devPrincipal: "kernel");
        string path = "/reason/node/6f1c1c33-5a4e-4c1b-9a57-3a1d2a0c0002";

        System.Text.Json.JsonElement? refusal = null;
        for (int i = 0; i < 20 && refusal is null; i++)
        {
            var (status, body) = await SendAsync(kernel, path, "north");
            if (status == HttpStatusCode.TooManyRequests)
            {
                refusal = body;
            }
        }

        // The north division ran out of its own bucket; the principal's still holds tokens for the others.
        Assert.NotNull(refusal);
        Assert.Contains("division 'north'", refusal.Value.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(kernel, path, "south")).Status);
        }
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> SendAsync(HttpClient client, string path, string division)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Kernel-Division", division);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await HostApi.ReadAsync(response));
    }

    [Fact]
    public async Task HealthAndReady_ReportStoreAndSigner()
    {
        await using var host = await StartAsync();
        using var client = host.Client();

        var (healthStatus, health) = await HostApi.GetAsync(client, "/health");
        var (readyStatus, ready) = await HostApi.GetAsync(client, "/ready");

        Assert.Equal(HttpStatusCode.OK, healthStatus);
        Assert.True(health.GetProperty("ok").GetBoolean());
        Assert.True(health.GetProperty("signerConfigured").GetBoolean());
        Assert.False(health.GetProperty("mTLS").GetBoolean());
        Assert.StartsWith("embedded", health.GetProperty("store").GetString(), StringComparison.Ordinal);
        Assert.True(health.GetProperty("db").GetBoolean());
        var time = DateTimeOffset.Parse(health.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var now = TimeProvider.System.GetUtcNow();
        Assert.InRange(time, now.AddMinutes(-1), now.AddMinutes(1));
        Assert.EndsWith("Z", health.GetProperty("time").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("ok", ready.GetProperty("store").GetString());
        Assert.Equal("ok", ready.GetProperty("signer").GetString());
    }

    [Fact]
    public async Task TheProbes_AnswerGetOnly()
    {
        await using var host = await StartAsync();
        using var client = host.Client();
        foreach (string probe in (string[])["/health", "/ready"])
        {
            using var get = await client.GetAsync(new Uri(probe, UriKind.Relative));
            using var post = await client.PostAsync(new Uri(probe, UriKind.Relative), new StringContent("{}"));
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode); // no such endpoint: the fallback's 404, as before
        }
    }

    [Fact]
    public async Task HealthAndReady_AnswerTheDocumentedMembers_InOrder()
    {
        await using var host = await StartAsync();
        using var client = host.Client();

        using var healthResponse = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var readyResponse = await client.GetAsync(new Uri("/ready", UriKind.Relative));
        var health = await HostApi.ReadAsync(healthResponse);
        var ready = await HostApi.ReadAsync(readyResponse);

        Assert.Equal("application/json", healthResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", readyResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["ok", "db", "time", "readOnly", "mTLS", "kernelConfigured", "signerConfigured", "uptime", "store", "auditSignaturesPending", "snapshotsOnHold"],
            health.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["ok", "ready", "store", "writes", "signer", "kernel", "archive", "auditorArchive"], ready.EnumerateObject().Select(p => p.Name));
        Assert.True(ready.GetProperty("ok").GetBoolean());
        Assert.True(ready.GetProperty("ready").GetBoolean());
        Assert.Equal("not configured", ready.GetProperty("writes").GetString()); // the embedded store has no write probe
        Assert.Equal("not configured", ready.GetProperty("kernel").GetString());
        Assert.Equal("ok", ready.GetProperty("archive").GetString());
        Assert.Equal("ok", ready.GetProperty("auditorArchive").GetString());
    }

    [Theory]
    [InlineData("false")]
    [InlineData("true")] // the migration waits in the background: the service still starts
    public async Task Health_StaysLive_WhenTheStoreIsUnreachable_AndSaysDbFalse(string migrateOnStart)
    {
        // Port 1 on loopback: nothing listens, so every connection is refused at once.
        await using var host = await StartAsync(("DATABASE_URL", "postgres://rg:rg@127.0.0.1:1/rg"), ("MIGRATE_ON_START", migrateOnStart));
        using var client = host.Client();

        var (healthStatus, health) = await HostApi.GetAsync(client, "/health");
        var (readyStatus, ready) = await HostApi.GetAsync(client, "/ready");

        Assert.Equal(HttpStatusCode.OK, healthStatus);
        Assert.True(health.GetProperty("ok").GetBoolean());
        Assert.False(health.GetProperty("db").GetBoolean());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.False(ready.GetProperty("ok").GetBoolean());
        Assert.False(ready.GetProperty("ready").GetBoolean());
        Assert.StartsWith("failed: ", ready.GetProperty("store").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_WhenConfigured_ExportsSpansContinuingTheCallersTraceparent()
    {
        // A stand-in collector: records the paths OTLP/HTTP posts to.
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var traceBodies = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        var collectorBuilder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, Microsoft.AspNetCore.Http.HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (signal == "traces")
            {
                traceBodies.Enqueue(body.ToArray());
            }

            received.Enqueue(signal);
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        await collector.StartAsync();
        string collectorUrl = collector.Urls.First();

        await using var host = await StartAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collectorUrl),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "200"));
        using var client = host.Client(devPrincipal: "ops");
        client.DefaultRequestHeaders.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        await HostApi.PostAsync(client, "/reason/node", HostApi.Node("observation"));

        // Tracer providers listen process-wide, so spans of other tests' hosts may come first: wait for ours.
        byte[] traceId = Convert.FromHexString("0af7651916cd43dd8448eb211c80319c");
        bool Exported() => received.Contains("metrics") && traceBodies.Any(body => body.AsSpan().IndexOf(traceId) >= 0);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!Exported() && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.Contains("metrics", received);
        Assert.Contains(traceBodies, body => body.AsSpan().IndexOf(traceId) >= 0);
    }

    private Task<RunningHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_data.FullName, Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return RunningHost.StartAsync(all);
    }
}
