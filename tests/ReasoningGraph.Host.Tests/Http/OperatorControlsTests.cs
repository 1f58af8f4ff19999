using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Support;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The runbooks' emergency switches on PostgreSQL, over HTTP and the CLI: holding signing stores new snapshots
/// <c>on_hold</c> and signs nothing until the release, which the worker then signs; read-only refuses writes with
/// 503 <c>READ_ONLY</c> and keeps reads; each change is shown on <c>/health</c> and the gauges, reaches a host from
/// the database within about a second, needs the <c>admin</c> capability, and is an audit event.
/// </summary>
public sealed class OperatorControlsTests : IDisposable
{
    private const string JwtKid = "kernel-jwt";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-controls-");
    private readonly Ed25519PrivateKey _jwtKey = Ed25519PrivateKey.Generate();

    public void Dispose()
    {
        _jwtKey.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task SigningHold_OverHttp_SnapshotsWaitOnHold_ReleaseByCli_TheWorkerSignsThem()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        await using var host = await RunningHost.StartAsync(await SettingsAsync(database, proxy, registry));
        using var admin = host.Client(devPrincipal: "operator:ana");
        using var kernel = host.Client(bearer: KernelJwt.Create(_jwtKey, JwtKid));
        string root = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(kernel, "/reason/node", HostApi.Node("decision", root))).Status);

        // The Kernel writes but does not hold the admin capability.
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(kernel, "signing-hold", new { enabled = true, reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(admin, "signing-hold", new { enabled = true })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync(admin, "signing-hold", new { enabled = true, reason = "x", extra = 1 })).Status);
        var (holdStatus, hold) = await PutAsync(admin, "signing-hold", new { enabled = true, reason = "canonicalization mismatch INC-42" });
        Assert.Equal(HttpStatusCode.OK, holdStatus);
        Assert.Equal("operator:ana", hold.GetProperty("signingHold").GetProperty("actor").GetString());

        var (snapshotStatus, snapshot) = await HostApi.PostAsync(kernel, "/reason/snapshot", new { rootNodeIds = new[] { root } });
        Assert.Equal(HttpStatusCode.Accepted, snapshotStatus);
        Assert.Equal("on_hold", snapshot.GetProperty("status").GetString());
        Assert.Contains("INC-42", snapshot.GetProperty("message").GetString(), StringComparison.Ordinal);
        string snapshotId = snapshot.GetProperty("snapshotId").GetString()!;
        var (getStatus, get) = await HostApi.GetAsync(kernel, "/reason/snapshot/" + snapshotId);
        Assert.Equal(HttpStatusCode.Conflict, getStatus);
        Assert.Equal("on_hold", get.GetProperty("error").GetProperty("details").GetProperty("status").GetString());

        // Writes go on while signing is held; the worker signs nothing.
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(kernel, "/reason/node", HostApi.Node("decision"))).Status);
        var health = (await HostApi.GetAsync(admin, "/health")).Body;
        Assert.Equal("canonicalization mismatch INC-42", health.GetProperty("signingHold").GetProperty("reason").GetString());
        await Eventually.TrueAsync(async () => (await HostApi.GetAsync(admin, "/health")).Body.GetProperty("snapshotsOnHold").GetInt64() == 1);
        await WaitForMetricAsync(admin, @"reasoning_graph_host_signing_hold(\{[^}]*\})? 1\b");
        await WaitForMetricAsync(admin, @"reasoning_graph_host_snapshots_unsigned\{[^}]*status=""on_hold""[^}]*\} 1\b");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal("on_hold", await database.ScalarAsync<string>($"SELECT status FROM snapshots WHERE id = '{snapshotId}'"));
        Assert.Empty(proxy.SignedDigests.Intersect([await database.ScalarAsync<string>($"SELECT encode(sha256(signed_bytes), 'hex') FROM snapshots WHERE id = '{snapshotId}'")]));

        var released = await Cli(database, proxy, "signing", "release", "--reason", "canonicalizer fixed", "--actor", "operator:bo");
        Assert.True(released.ExitCode == 0, released.StandardError);
        using (var state = JsonDocument.Parse(released.StandardOutput))
        {
            Assert.Equal(JsonValueKind.Null, state.RootElement.GetProperty("signingHold").ValueKind);
        }

        await Eventually.TrueAsync(async () => await database.ScalarAsync<string>($"SELECT status FROM snapshots WHERE id = '{snapshotId}'") == "signed");
        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(kernel, "/reason/snapshot/" + snapshotId)).Status);
        Assert.Equal(
            "reason.signing.held:operator:ana,reason.signing.released:operator:bo",
            await database.ScalarAsync<string>(
                "SELECT string_agg(event_type || ':' || (payload->>'actor'), ',' ORDER BY position) FROM audit_events WHERE event_type LIKE 'reason.signing.%'"));
        var verified = await CliProcess.RunAsync(["audit-verify", "--database-url", database.ConnectionString, "--signers", registry, "--require-signed"]);
        Assert.True(verified.ExitCode == 0, verified.StandardError);
    }

    [Fact]
    public async Task ReadOnly_ByCli_ReachesTheHost_WritesRefusedReadsServed_ThenOffOverHttp()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        await using var host = await RunningHost.StartAsync(await SettingsAsync(database, proxy, registry));
        using var admin = host.Client(devPrincipal: "operator:ana");
        string id = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(admin, "/reason/node", HostApi.Node("decision", id))).Status);

        var enabled = await Cli(database, proxy, "read-only", "enable", "--reason", "Kernel unreachable", "--actor", "operator:cy");
        Assert.True(enabled.ExitCode == 0, enabled.StandardError);
        Assert.Equal(2, (await Cli(database, proxy, "read-only", "enable")).ExitCode); // a reason is required to turn it on

        await Eventually.TrueAsync(async () => (await HostApi.GetAsync(admin, "/health")).Body.GetProperty("readOnly").GetBoolean());
        var (refused, error) = await HostApi.PostAsync(admin, "/reason/node", HostApi.Node("decision"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);
        Assert.Equal("READ_ONLY", HostApi.ErrorCode(error));
        Assert.Contains("Kernel unreachable", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(admin, "/reason/node/" + id)).Status);
        Assert.Contains("operator:cy", (await HostApi.GetAsync(admin, "/health")).Body.GetProperty("readOnlyReason").GetString(), StringComparison.Ordinal);
        await WaitForMetricAsync(admin, @"reasoning_graph_host_read_only(\{[^}]*\})? 1\b");

        // Turning it off is not a write: it works while writes are refused.
        var (offStatus, off) = await PutAsync(admin, "read-only", new { enabled = false, reason = "Kernel back" });
        Assert.Equal(HttpStatusCode.OK, offStatus);
        Assert.Equal(JsonValueKind.Null, off.GetProperty("readOnly").ValueKind);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(admin, "/reason/node", HostApi.Node("decision"))).Status);
        Assert.Equal(
            "reason.read_only.enabled:operator:cy,reason.read_only.disabled:operator:ana",
            await database.ScalarAsync<string>(
                "SELECT string_agg(event_type || ':' || (payload->>'actor'), ',' ORDER BY position) FROM audit_events WHERE event_type LIKE 'reason.read_only.%'"));
        var status = await Cli(database, proxy, "read-only", "status");
        Assert.True(status.ExitCode == 0, status.StandardError);
        using var document = JsonDocument.Parse(status.StandardOutput);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("readOnly").ValueKind);
    }

    private async Task<Dictionary<string, string>> SettingsAsync(ScratchDatabase database, SwitchableSigningProxy proxy, string registry)
    {
        string keys = Path.Combine(_directory.FullName, "kernel-keys.json");
        await File.WriteAllBytesAsync(keys, new SignerRegistry([RegisteredSigner.ForEd25519(JwtKid, _jwtKey.PublicKey)]).ToJson());
        var settings = SnapshotHostSettings.For(_directory, proxy, registry, keys);
        settings["DATABASE_URL"] = database.ConnectionString;
        settings["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0.2";
        settings["SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS"] = "1";
        settings["SNAPSHOT_WORKER_GRACE_SECONDS"] = "0";
        return settings;
    }

    /// <summary>The CLI as an operator runs it: against the database, signing with the service's signer.</summary>
    private static Task<CliResult> Cli(ScratchDatabase database, SwitchableSigningProxy proxy, params string[] arguments) =>
        CliProcess.RunAsync(
            [.. arguments, "--database-url", database.ConnectionString],
            environment: new Dictionary<string, string>
            {
                ["SIGNING_PROXY_URL"] = proxy.Url.ToString().TrimEnd('/'),
                ["SIGNING_PROXY_KEY_ID"] = SwitchableSigningProxy.SignerId,
            });

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(HttpClient client, string control, object body)
    {
        using var response = await client.PutAsJsonAsync(new Uri("/admin/controls/" + control, UriKind.Relative), body);
        return (response.StatusCode, await HostApi.ReadAsync(response));
    }

    private static async Task WaitForMetricAsync(HttpClient client, string pattern)
    {
        // The exporter caches a scrape for a moment, and the gauges follow the status poll.
        await Eventually.TrueAsync(async () => System.Text.RegularExpressions.Regex.IsMatch(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), pattern));
    }
}
