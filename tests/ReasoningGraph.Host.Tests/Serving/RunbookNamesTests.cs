using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>
/// The runbooks' environment names are honoured or refused, never ignored: <c>OTEL_COLLECTOR_URL</c> and
/// <c>NODE_ENV</c> map onto the settings they mean (or are refused when they contradict them),
/// <c>CONTROL_PANEL_SIGNER_KID</c> is refused naming its replacements, <c>KERNEL_API_URL</c> with its token is a
/// real Kernel probe in <c>/ready</c>, and <c>PROM_PUSH_GATEWAY</c> receives the batch commands' outcome on a real
/// Pushgateway.
/// </summary>
public sealed class RunbookNamesTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-runbook-names-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task NamesThatContradictOrHaveNoMeaning_AreRefusedNamingTheReplacement()
    {
        var result = await CliProcess.RunAsync(["serve"], environment: new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["STORE"] = "embedded",
            ["DATA_DIR"] = _data.FullName,
            ["CONTROL_PANEL_SIGNER_KID"] = "cp-2024",
            ["NODE_ENV"] = "development",
            ["OTEL_COLLECTOR_URL"] = "http://collector:4317",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://other:4317",
            ["KERNEL_API_TOKEN"] = "t",
            ["PROM_PUSH_GATEWAY"] = "gateway:9091",
        });

        Assert.Equal(2, result.ExitCode);
        string[] problems = [.. result.StandardError.Split('\n').Where(line => line.StartsWith("  - ", StringComparison.Ordinal))];
        Assert.Equal(5, problems.Length);
        Assert.Contains(problems, p => p.Contains("CONTROL_PANEL_SIGNER_KID", StringComparison.Ordinal) && p.Contains("SIGNING_PROXY_KEY_ID", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NODE_ENV=development", StringComparison.Ordinal) && p.Contains("ASPNETCORE_ENVIRONMENT=Development", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("OTEL_COLLECTOR_URL", StringComparison.Ordinal) && p.Contains("differ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("KERNEL_API_URL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PROM_PUSH_GATEWAY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NamesThatAgree_AreAccepted_AndTheKernelProbeReportsWithoutDecidingReadiness()
    {
        await using var kernel = await FakeKernelAsync("secret-token");
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["STORE"] = "embedded",
            ["DATA_DIR"] = Path.Combine(_data.FullName, "a"),
            ["NODE_ENV"] = "production",
            ["OTEL_COLLECTOR_URL"] = "http://127.0.0.1:4317",
            ["KERNEL_API_URL"] = kernel.Urls.Single(),
            ["KERNEL_API_TOKEN"] = "secret-token",
        };
        await using (var host = await RunningHost.StartAsync(settings))
        {
            using var client = host.Client();
            var (status, ready) = await HostApi.GetAsync(client, "/ready");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ok", ready.GetProperty("kernel").GetString());
        }

        // A Kernel that is not there is reported, and the service stays ready (the runbook makes it read-only instead).
        settings["KERNEL_API_URL"] = $"http://127.0.0.1:{ClosedPort()}";
        settings["DATA_DIR"] = Path.Combine(_data.FullName, "b");
        await using (var host = await RunningHost.StartAsync(settings))
        {
            using var client = host.Client();
            var (status, ready) = await HostApi.GetAsync(client, "/ready");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.StartsWith("failed: ", ready.GetProperty("kernel").GetString(), StringComparison.Ordinal);
            Assert.Matches(@"(?m)^reasoning_graph_host_kernel_up(\{[^}]*\})? 0( |$)", await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        }

        // A wrong token is a failed probe too: the Kernel answers 401.
        settings["KERNEL_API_URL"] = kernel.Urls.Single();
        settings["KERNEL_API_TOKEN"] = "wrong";
        settings["DATA_DIR"] = Path.Combine(_data.FullName, "c");
        await using (var host = await RunningHost.StartAsync(settings))
        {
            var (_, ready) = await HostApi.GetAsync(host.Client(), "/ready");
            Assert.Contains("401", ready.GetProperty("kernel").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PromPushGateway_ReceivesTheExportsOutcome_AndAFailureKeepsTheLastSuccess()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        Assert.Equal(0, (await CliProcess.RunAsync(["migrate", "--database-url", database.ConnectionString])).ExitCode);
        int port = ClosedPort();
        using var gateway = Process.Start(new ProcessStartInfo("prometheus-pushgateway")
        {
            ArgumentList = { $"--web.listen-address=127.0.0.1:{port}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("install prometheus-pushgateway (Debian package prometheus-pushgateway)");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForAsync(client);
            var environment = new Dictionary<string, string> { ["PROM_PUSH_GATEWAY"] = $"http://127.0.0.1:{port}" };

            var export = await CliProcess.RunAsync(
                ["export", "--database-url", database.ConnectionString, "--out", Path.Combine(_data.FullName, "graph.jsonl")], environment: environment);
            Assert.True(export.ExitCode == 0, export.StandardError);
            string pushed = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Matches(@"reasoning_graph_batch_exit_code\{[^}]*job=""reasoning-graph-export""[^}]*\} 0\b", pushed);
            Assert.Matches(@"reasoning_graph_batch_last_success_timestamp_seconds\{[^}]*job=""reasoning-graph-export""", pushed);

            var failed = await CliProcess.RunAsync(
                ["export", "--database-url", $"Host=127.0.0.1;Port={ClosedPort()};Username=x;Database=x;Timeout=2", "--out", Path.Combine(_data.FullName, "x.jsonl")],
                environment: environment);
            Assert.NotEqual(0, failed.ExitCode);
            pushed = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Matches(@"reasoning_graph_batch_exit_code\{[^}]*job=""reasoning-graph-export""[^}]*\} [1-9]", pushed);
            Assert.Matches(@"reasoning_graph_batch_last_success_timestamp_seconds\{[^}]*job=""reasoning-graph-export""", pushed);
        }
        finally
        {
            gateway.Kill(entireProcessTree: true);
            await gateway.WaitForExitAsync();
        }
    }

    /// <summary>A stand-in for the Kernel's own health endpoint: 200 with the expected bearer token, else 401.</summary>
    private static async Task<WebApplication> FakeKernelAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/health", (HttpContext context) =>
            context.Request.Headers.Authorization == "Bearer " + token ? Results.Ok(new { ok = true }) : Results.StatusCode(StatusCodes.Status401Unauthorized));
        await app.StartAsync();
        return app;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                (await client.GetAsync(new Uri("/-/ready", UriKind.Relative))).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }
}
