using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Serving;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The write probe of <c>/ready</c> on a healthy PostgreSQL server (no replication): the commit is immediate, so
/// <c>/ready</c> answers 200 with <c>writes: ok</c>, the gauge says 0 and the graph is untouched. The blocked case
/// needs a synchronous standby to go away: <c>Ha/StrictSynchronousModeDrillTests</c>.
/// </summary>
public sealed class WriteProbeReadyTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-write-probe-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task Ready_OnPostgres_CommitsTheWriteProbe_Answers200_AndWritesNothingToTheGraph()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["DATABASE_URL"] = database.ConnectionString,
            ["DATA_DIR"] = _data.FullName,
        });
        using var client = host.Client();
        await Eventually.TrueAsync(async () => (await HostApi.GetAsync(client, "/ready")).Status == HttpStatusCode.OK); // migrated in the background

        var (status, ready) = await HostApi.GetAsync(client, "/ready");
        string metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", ready.GetProperty("writes").GetString());
        Assert.Matches(BlockedGauge(0), metrics);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM graph_heads WHERE max_seq <> 0 OR graph_id <> 'default'")); // the migration's row only
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM audit_events"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM nodes"));
    }

    [Fact]
    public async Task Ready_WithTheEmbeddedStoreOrTheProbeOff_HasNoWriteProbe()
    {
        await using (var embedded = await RunningHost.StartAsync(new Dictionary<string, string> { ["environment"] = "Development", ["DATA_DIR"] = _data.FullName }))
        {
            var (status, ready) = await HostApi.GetAsync(embedded.Client(), "/ready");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("not configured", ready.GetProperty("writes").GetString());
        }

        // Port 1 on loopback: nothing listens. With the probe off, only the store ping fails.
        await using var off = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["DATABASE_URL"] = "postgres://rg:rg@127.0.0.1:1/rg",
            ["MIGRATE_ON_START"] = "false",
            ["READY_WRITE_PROBE_TIMEOUT_MS"] = "0",
        });
        var (_, offReady) = await HostApi.GetAsync(off.Client(), "/ready");
        Assert.Equal("not configured", offReady.GetProperty("writes").GetString());
    }

    [Fact]
    public async Task Ready_WhenTheDatabaseIsUnreachable_ReportsTheWriteProbeFailed()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["DATABASE_URL"] = "postgres://rg:rg@127.0.0.1:1/rg",
            ["MIGRATE_ON_START"] = "false",
        });

        var (status, ready) = await HostApi.GetAsync(host.Client(), "/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("failed: ", ready.GetProperty("writes").GetString(), StringComparison.Ordinal);
        Assert.Matches(BlockedGauge(0), await host.Client().GetStringAsync(new Uri("/metrics", UriKind.Relative))); // unreachable is not "blocked"
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("60001")]
    [InlineData("2s")]
    public void ABoundOutOfRange_IsRefusedAtStartUp(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ServiceHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Development", "--DATA_DIR=" + _data.FullName, "--READY_WRITE_PROBE_TIMEOUT_MS=" + value]));

        Assert.Contains(error.Failures, f => f.Contains("READY_WRITE_PROBE_TIMEOUT_MS", StringComparison.Ordinal) && f.Contains("from 0 to 60000", StringComparison.Ordinal));
    }

    private static Regex BlockedGauge(int value) => new($"(?m)^reasoning_graph_host_store_writes_blocked(\\{{[^}}]*\\}})? {value}( |$)");
}
