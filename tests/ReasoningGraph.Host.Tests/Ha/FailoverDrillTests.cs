using System.Net;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Serving;
using ReasoningGraph.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReasoningGraph.Host.Tests.Ha;

/// <summary>
/// The failover drills of docs/runbooks/postgres-failover.md on the Patroni pair of scripts/ha.sh: the service as a
/// process on the multi-host URL, four writers over HTTP with client-supplied UUIDv7 ids (a 503 is retried with the
/// same id), and the primary disrupted mid-stream. Each drill: every acknowledged write is in the database, the audit
/// chain verifies, clients saw only 2xx or 503 STORE_UNAVAILABLE, the same service process answers throughout, and the
/// client-visible RTO (the longest gap between acknowledged writes) is written to the test output. The bounds are loose
/// (machines vary); docs/BENCHMARKS.md records the figures.
/// </summary>
[Collection(SharedHaCluster.Name)]
public sealed class FailoverDrillTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 4;

    // Loose on purpose (busy machines): a lost member first waits out the leader key's ttl (10 s).
    private static readonly TimeSpan LostMemberRtoBound = TimeSpan.FromSeconds(45);

    // A planned switchover, and a crashed primary (primary_start_timeout 0: Patroni promotes the synchronous standby
    // instead of recovering in place), are bounded by the store's host re-check (1 s by default for a multi-host URL),
    // not by Npgsql's own 10 s default: a bound under 10 s fails if that default stops being applied.
    private static readonly TimeSpan PromptRtoBound = TimeSpan.FromSeconds(8);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-ha-drill-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public Task KillNineOfThePrimaryPostmaster_LosesNoAcknowledgedWrite() =>
        DrillAsync("kill -9 primary postmaster", PromptRtoBound, (cluster, leader, _) =>
        {
            cluster.KillPostmaster(leader);
            return Task.CompletedTask;
        });

    [Fact]
    public Task PlannedSwitchover_LosesNoAcknowledgedWrite() =>
        DrillAsync("planned switchover", PromptRtoBound, (cluster, leader, standby) => cluster.SwitchoverAsync(leader, standby));

    /// <summary>
    /// With a host re-check far longer than the failover, clients still see only the failover: a failed statement makes
    /// the store probe the hosts again instead of trusting the roles Npgsql cached.
    /// </summary>
    [Fact]
    public Task PlannedSwitchover_WithALongHostRecheck_IsAsPromptAsWithTheDefault() =>
        DrillAsync("planned switchover, Host Recheck Seconds=30", PromptRtoBound, (cluster, leader, standby) => cluster.SwitchoverAsync(leader, standby),
            urlSuffix: ";Host Recheck Seconds=30");

    [Fact]
    public Task LossOfTheWholePrimaryMember_LosesNoAcknowledgedWrite() =>
        DrillAsync("primary member lost", LostMemberRtoBound, (cluster, leader, _) =>
        {
            cluster.KillMember(leader);
            return Task.CompletedTask;
        });

    private async Task DrillAsync(string drill, TimeSpan rtoBound, Func<HaCluster, string, string, Task> disrupt, string urlSuffix = "")
    {
        if (HaCluster.OrSkip() is not { } cluster)
        {
            return;
        }

        await HaCluster.RestoreAsync(); // a previous drill may have left a member down
        try
        {
            await DrillAsync(cluster, drill, rtoBound, disrupt, urlSuffix);
        }
        finally
        {
            await HaCluster.RestoreAsync();
        }
    }

    private async Task DrillAsync(HaCluster cluster, string drill, TimeSpan rtoBound, Func<HaCluster, string, string, Task> disrupt, string urlSuffix)
    {
        var (leader, standby) = await cluster.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        await using var database = await ScratchDatabase.CreateAsync(cluster.AdminUrl);
        string keys = Path.Combine(_directory.FullName, "keys");
        await DrillService.KeygenAsync(keys, "ha-drill-1");
        await using var service = ServiceProcess.Start("serve", DrillService.Environment(cluster.ServiceUrl(database.Name) + urlSuffix, keys, "ha-drill-1"));
        Assert.Equal(HttpStatusCode.OK, (await service.WaitForHealthAsync()).StatusCode);

        var log = new DrillLog();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(_ => log.WriteNodesAsync(service.Address, stop.Token)).ToArray();
        await log.WaitForAcknowledgedAsync(200);

        var disrupted = log.Clock.Elapsed;
        await disrupt(cluster, leader, standby);
        await log.WaitForAcknowledgedAfterAsync(disrupted, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3)); // writing on the new primary for a while
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var rto = log.LongestGap();
        output.WriteLine($"{drill}: leader {leader}, acknowledged {log.Acknowledged.Count}, 503 {log.Unavailable}, "
            + $"retried ids acknowledged {log.RetriedAcknowledged} (200 {log.RetriedReplays}), Retry-After on 503 {log.WithRetryAfter}, "
            + $"RTO {rto.TotalSeconds:F2} s (the longest gap between acknowledged writes)");

        Assert.True(log.Unexpected.IsEmpty, $"{drill}: responses other than 2xx or 503 STORE_UNAVAILABLE: {string.Join("; ", log.Unexpected.Take(5))}");
        Assert.Equal(HttpStatusCode.OK, (await service.WaitForHealthAsync()).StatusCode); // the same process, never restarted

        // The disruption reached the clients, and each write refused with 503 was acknowledged on retry with its id.
        Assert.True(log.Unavailable > 0 && log.RetriedAcknowledged > 0, $"{drill}: no write was refused, so nothing was drilled");
        Assert.Equal(log.Unavailable, log.WithRetryAfter); // every 503 tells the client when to re-send

        var stored = await DrillLog.StoredNodesAsync(database.ConnectionString);
        var lost = log.Acknowledged.Where(id => !stored.Contains(id)).ToList();
        output.WriteLine($"{drill}: lost {lost.Count} of {log.Acknowledged.Count} acknowledged writes");
        Assert.Empty(lost);

        var verify = await CliProcess.RunAsync(["audit-verify", "--database-url", database.ConnectionString, "--signers", Path.Combine(keys, "signers.json")]);
        Assert.True(verify.ExitCode == 0, verify.StandardError + System.Text.Encoding.UTF8.GetString(verify.StandardOutput));
        Assert.True(rto < rtoBound, $"{drill}: RTO {rto} is over {rtoBound}");
    }
}
