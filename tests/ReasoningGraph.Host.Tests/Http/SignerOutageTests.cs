using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Serving;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// A signer outage stops only what must stop: with a real signing proxy on loopback stopped outright (its port
/// refusing connections), writes and reads over HTTP go on against PostgreSQL, <c>/ready</c> stays 200, snapshot
/// requests come back 202 <c>pending</c> and the audit events' signatures are left pending; once the proxy is back,
/// every pending signature is filled in and <c>audit-verify --require-signed</c> passes, and the pending snapshot is
/// signed. <c>AUDIT_SIGNING=inline</c> keeps the strict behaviour; a host killed while signatures are pending loses
/// none of them.
/// </summary>
public sealed class SignerOutageTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-signer-outage-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task SignerStopped_WritesAndReadsGoOn_SignaturesPendingThenFilled_AuditVerifyRequireSignedPasses()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        await using var host = await RunningHost.StartAsync(Settings(database, proxy, registry));
        using var client = host.Client(devPrincipal: "kernel");
        string root = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", root))).Status);
        Assert.Equal(0, await PendingAsync(database));

        await proxy.StopAsync();
        var written = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            string id = Guid.NewGuid().ToString();
            var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("observation", id));
            Assert.True(status == HttpStatusCode.Created, $"write during the outage: {(int)status} {body}");
            Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/edge", new { from = id, to = root, type = "supports" })).Status);
            written.Add(id);
        }

        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(client, "/reason/node/" + written[0])).Status);
        var (traceStatus, trace) = await HostApi.GetAsync(client, $"/reason/trace/{root}?direction=ancestors&depth=2");
        Assert.Equal(HttpStatusCode.OK, traceStatus);
        Assert.Equal(13, trace.GetProperty("visited").GetArrayLength());
        // The signer is a reported component (failed once a real signature has failed), never a reason to be unready.
        await Eventually.TrueAsync(async () =>
        {
            var (readyStatus, ready) = await HostApi.GetAsync(client, "/ready");
            Assert.Equal(HttpStatusCode.OK, readyStatus);
            return ready.GetProperty("signer").GetString()!.StartsWith("failed", StringComparison.Ordinal);
        });

        using var snapshotResponse = await client.PostAsync(new Uri("/reason/snapshot", UriKind.Relative), Json(new { rootNodeIds = new[] { root } }));
        var snapshot = await HostApi.ReadAsync(snapshotResponse);
        Assert.Equal(HttpStatusCode.Accepted, snapshotResponse.StatusCode);
        Assert.Equal("pending", snapshot.GetProperty("status").GetString());
        string snapshotId = snapshot.GetProperty("snapshotId").GetString()!;
        Assert.Equal("/reason/snapshot/" + snapshotId, snapshotResponse.Headers.Location?.OriginalString);

        // Every event written during the outage (12 nodes, 12 edges) is chained with its signature pending.
        Assert.Equal(24, await PendingAsync(database));
        await Eventually.TrueAsync(async () => (await HostApi.GetAsync(client, "/health")).Body.GetProperty("auditSignaturesPending").GetInt64() == 24);
        Assert.Matches(@"reasoning_graph_host_audit_signatures_pending(\{[^}]*\})? 24\b", await MetricsAsync(client));

        var lenient = await AuditVerifyAsync(database, registry);
        Assert.True(lenient.ExitCode == 0, lenient.StandardError);
        using (var report = JsonDocument.Parse(lenient.StandardOutput))
        {
            Assert.Equal(25, report.RootElement.GetProperty("verifiedCount").GetInt64());
            Assert.Equal(24, report.RootElement.GetProperty("pendingSignatures").GetInt64());
        }

        var strict = await AuditVerifyAsync(database, registry, "--require-signed");
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("signature-pending: 24 events", strict.StandardError, StringComparison.Ordinal);

        await proxy.RestartAsync();
        await Eventually.TrueAsync(async () => await PendingAsync(database) == 0);
        await Eventually.TrueAsync(async () => await database.ScalarAsync<string>($"SELECT status FROM snapshots WHERE id = '{snapshotId}'") == "signed");
        var signed = await AuditVerifyAsync(database, registry, "--require-signed");
        Assert.True(signed.ExitCode == 0, signed.StandardError);
        Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM audit_events WHERE signer_id IS DISTINCT FROM '{SwitchableSigningProxy.SignerId}'"));
        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(client, "/reason/snapshot/" + snapshotId)).Status);

        // Writes sign inline again once the worker has shown the signer is back.
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision"))).Status);
        Assert.Equal(0, await PendingAsync(database));
    }

    [Fact]
    public async Task InlineMode_SignerStopped_WritesFailWithSigningFailure_AndNothingIsWritten()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        var settings = Settings(database, proxy, registry);
        settings["AUDIT_SIGNING"] = "inline";
        await using var host = await RunningHost.StartAsync(settings);
        using var client = host.Client(devPrincipal: "kernel");
        await proxy.StopAsync();

        var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision"));
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("SIGNING_FAILURE", HostApi.ErrorCode(body));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM nodes"));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM audit_events"));
    }

    [Fact]
    public async Task HostKilledWhileSignaturesPending_TheNextHostFillsThemAll()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        await proxy.StopAsync();
        var environment = Settings(database, proxy, registry);
        environment.Remove("environment");
        environment.Remove("ALLOW_DEV_PRINCIPAL");
        environment["STORE"] = "postgres";
        environment["MIGRATE_ON_START"] = "true";
        environment["ALLOW_ANONYMOUS_READS"] = "false";

        // Writes need a caller: a Kernel JWT is more than this test needs, so the first host runs in Development.
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["ALLOW_DEV_PRINCIPAL"] = "true";
        await using (var first = ServiceProcess.Start(null, environment))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.WaitForHealthAsync()).StatusCode);
            using var client = new HttpClient { BaseAddress = first.Address };
            client.DefaultRequestHeaders.Add("X-Local-Dev-Principal", "kernel");
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision"))).Status);
            }

            Assert.Equal(5, await PendingAsync(database));
            await first.KillAsync();
        }

        await proxy.RestartAsync();
        await using var second = ServiceProcess.Start(null, environment);
        Assert.Equal(HttpStatusCode.OK, (await second.WaitForHealthAsync()).StatusCode);
        await Eventually.TrueAsync(async () => await PendingAsync(database) == 0);
        var verified = await AuditVerifyAsync(database, registry, "--require-signed");
        Assert.True(verified.ExitCode == 0, verified.StandardError);
        Assert.Equal(5, await database.ScalarAsync<long>("SELECT count(*) FROM audit_events"));
    }

    private Dictionary<string, string> Settings(ScratchDatabase database, SwitchableSigningProxy proxy, string registry)
    {
        var settings = SnapshotHostSettings.For(_directory, proxy, registry);
        settings["DATABASE_URL"] = database.ConnectionString;
        settings["AUDIT_SIGNING_BUDGET_MS"] = "300";
        settings["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0.2";
        settings["SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS"] = "1";
        settings["SNAPSHOT_WORKER_GRACE_SECONDS"] = "0";
        return settings;
    }

    private static Task<long> PendingAsync(ScratchDatabase database) =>
        database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE signature IS NULL");

    private static Task<CliResult> AuditVerifyAsync(ScratchDatabase database, string registry, params string[] extra) =>
        CliProcess.RunAsync(["audit-verify", "--database-url", database.ConnectionString, "--signers", registry, .. extra]);

    private static async Task<string> MetricsAsync(HttpClient client)
    {
        // The exporter caches a scrape for a moment: read until the gauge shows the backlog.
        string text = "";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Eventually.Patience)
        {
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (System.Text.RegularExpressions.Regex.IsMatch(text, @"reasoning_graph_host_audit_signatures_pending(\{[^}]*\})? [1-9]"))
            {
                break;
            }

            await Task.Delay(200);
        }

        return text;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
