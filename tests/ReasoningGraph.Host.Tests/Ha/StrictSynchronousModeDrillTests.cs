using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Serving;
using ReasoningGraph.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReasoningGraph.Host.Tests.Ha;

/// <summary>
/// RPO 0 under Patroni's <c>synchronous_mode_strict</c> (docs/runbooks/postgres-failover.md, "Strict synchronous
/// mode"), on the pair of scripts/ha.sh: with the synchronous standby gone, writes block instead of being acknowledged
/// by the primary alone, and <c>/ready</c> says so (503, <c>writes</c> naming synchronous replication) through its
/// write probe; once the standby is back, <c>/ready</c> answers 200 and writes resume. Every acknowledged write is on
/// both members afterwards, the audit chain verifies, and the service logged the blocked state once and its end once.
/// The times <c>/ready</c> took to turn are written to the test output. Strict mode is removed at the end, so the other
/// drills run on the cluster's own settings.
/// </summary>
[Collection(SharedHaCluster.Name)]
public sealed class StrictSynchronousModeDrillTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 4;

    // A verdict stands 5 s and a blocked probe takes its 2 s bound: /ready turns within about 7 s. Loose on purpose.
    private static readonly TimeSpan ReadyTurnBound = TimeSpan.FromSeconds(20);

    // Long enough past /ready's 503 for blocked writes to reach the service's request timeout (REQUEST_TIMEOUT_SECONDS=5).
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(7);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-ha-strict-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task StrictMode_StandbyAway_BlocksWritesAndTurnsReady503_ThenBothRecover_LosingNoAcknowledgedWrite()
    {
        if (HaCluster.OrSkip() is not { } cluster)
        {
            return;
        }

        await HaCluster.RestoreAsync(); // a previous drill may have left a member down
        try
        {
            await cluster.SetStrictSynchronousModeAsync(true);
            await DrillAsync(cluster);
        }
        finally
        {
            await cluster.SetStrictSynchronousModeAsync(false); // first: it releases commits still blocked if the drill failed
            await HaCluster.RestoreAsync();
        }
    }

    private async Task DrillAsync(HaCluster cluster)
    {
        var (leader, standby) = await cluster.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        await using var database = await ScratchDatabase.CreateAsync(cluster.AdminUrl);
        string keys = Path.Combine(_directory.FullName, "keys");
        await DrillService.KeygenAsync(keys, "ha-strict-1");
        await using var service = ServiceProcess.Start("serve", DrillService.Environment(cluster.ServiceUrl(database.Name), keys, "ha-strict-1", new Dictionary<string, string>
        {
            ["REQUEST_TIMEOUT_SECONDS"] = "5", // a blocked write is answered 504 STORE_UNAVAILABLE, then retried by its id
        }));
        Assert.Equal(HttpStatusCode.OK, (await service.WaitForHealthAsync()).StatusCode);
        using var probe = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
        var log = new DrillLog();
        var ready = await WaitForReadyAsync(probe, log, HttpStatusCode.OK, _ => true, TimeSpan.FromSeconds(60)); // migrated in the background
        Assert.Equal("ok", ready.Body.GetProperty("writes").GetString());

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(_ => log.WriteNodesAsync(service.Address, stop.Token, timeoutsExpected: true)).ToArray();
        await log.WaitForAcknowledgedAsync(200);

        // The standby's whole member goes away: with strict mode the primary keeps it required, so commits wait.
        var killed = log.Clock.Elapsed;
        cluster.KillMember(standby);
        var blocked = await WaitForReadyAsync(probe, log, HttpStatusCode.ServiceUnavailable,
            body => body.GetProperty("writes").GetString()!.Contains("waiting for synchronous replication", StringComparison.Ordinal), ReadyTurnBound);
        Assert.Matches(BlockedGauge(1), await probe.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        Assert.Equal("ok", blocked.Body.GetProperty("store").GetString()); // reads go on: the store answers, it cannot commit
        await Task.Delay(Hold);

        var restoring = log.Clock.Elapsed;
        int acknowledgedWhileBlocked = log.AcknowledgedBetween(blocked.At, restoring);
        await HaCluster.RestoreAsync(); // the standby's member starts again and streams synchronously
        var restored = log.Clock.Elapsed;
        var back = await WaitForReadyAsync(probe, log, HttpStatusCode.OK, _ => true, ReadyTurnBound);
        Assert.Equal("ok", back.Body.GetProperty("writes").GetString());
        Assert.Matches(BlockedGauge(0), await probe.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        await log.WaitForAcknowledgedAfterAsync(restored, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        output.WriteLine($"strict mode, standby {standby} away: /ready 503 {(blocked.At - killed).TotalSeconds:F2} s after the kill; "
            + $"writes blocked {(restoring - blocked.At).TotalSeconds:F1} s (acknowledged meanwhile {acknowledgedWhileBlocked}, 504 {log.TimedOut}, 503 {log.Unavailable}); "
            + $"standby back {(restored - restoring).TotalSeconds:F2} s after its restart began; /ready 200 {(back.At - restored).TotalSeconds:F2} s after that; "
            + $"acknowledged {log.Acknowledged.Count}, retried ids acknowledged {log.RetriedAcknowledged} (200 {log.RetriedReplays})");

        Assert.True(log.Unexpected.IsEmpty, $"responses other than 2xx, 503 or 504 STORE_UNAVAILABLE: {string.Join("; ", log.Unexpected.Take(5))}");
        Assert.Equal(0, acknowledgedWhileBlocked); // nothing acknowledged by the primary alone
        Assert.True(log.TimedOut > 0 && log.RetriedAcknowledged > 0, "no write was held up, so nothing was drilled");
        Assert.Equal((leader, standby), await cluster.WaitHealthyAsync(TimeSpan.FromSeconds(60))); // no failover: the same pair

        // RPO 0: every acknowledged write is on the primary and on the standby.
        var onPrimary = await DrillLog.StoredNodesAsync(database.ConnectionString);
        HashSet<Guid> onStandby = [];
        await Eventually.TrueAsync(async () => (onStandby = await DrillLog.StoredNodesAsync(cluster.MemberUrl(standby, database.Name))).Count >= onPrimary.Count);
        var lost = log.Acknowledged.Where(id => !onPrimary.Contains(id) || !onStandby.Contains(id)).ToList();
        output.WriteLine($"strict mode: lost {lost.Count} of {log.Acknowledged.Count} acknowledged writes (primary {onPrimary.Count} nodes, standby {onStandby.Count})");
        Assert.Empty(lost);

        var verify = await CliProcess.RunAsync(["audit-verify", "--database-url", database.ConnectionString, "--signers", Path.Combine(keys, "signers.json")]);
        Assert.True(verify.ExitCode == 0, verify.StandardError + System.Text.Encoding.UTF8.GetString(verify.StandardOutput));

        // The same process throughout, and the blocked state logged once (what to do, where the runbook is), its end once.
        Assert.Equal(HttpStatusCode.OK, (await service.WaitForHealthAsync()).StatusCode);
        await service.KillAsync();
        var (stdout, stderr) = await service.OutputAsync();
        string logs = stdout + stderr;
        Assert.Equal(1, Regex.Count(logs, @"PostgresWriteHealthCheck\[3030\]"));
        Assert.Contains("docs/runbooks/postgres-failover.md", logs, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(logs, @"PostgresWriteHealthCheck\[3031\]"));
    }

    /// <summary>Polls <c>/ready</c> until it answers <paramref name="status"/> with a body <paramref name="matches"/> accepts; returns when (on the drill's clock) and the body.</summary>
    private static async Task<(TimeSpan At, JsonElement Body)> WaitForReadyAsync(
        HttpClient client, DrillLog log, HttpStatusCode status, Func<JsonElement, bool> matches, TimeSpan patience)
    {
        var since = log.Clock.Elapsed;
        string last = "";
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/ready", UriKind.Relative));
            var at = log.Clock.Elapsed;
            last = await response.Content.ReadAsStringAsync();
            var body = JsonDocument.Parse(last).RootElement.Clone();
            if (response.StatusCode == status && matches(body))
            {
                return (at, body);
            }

            Assert.True(at - since < patience, $"/ready did not answer {(int)status} as expected within {patience}; last: {(int)response.StatusCode} {last}");
            await Task.Delay(250);
        }
    }

    private static Regex BlockedGauge(int value) => new($"(?m)^reasoning_graph_host_store_writes_blocked(\\{{[^}}]*\\}})? {value}( |$)");
}
