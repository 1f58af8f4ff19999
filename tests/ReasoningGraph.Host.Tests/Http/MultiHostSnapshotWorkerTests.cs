using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Host.Background;
using ReasoningGraph.Host.Tests.Support;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// Two service instances on one PostgreSQL database, both running the snapshot worker, sharing one filesystem
/// archive and one real signing proxy over HTTP: snapshots left pending while the proxy is down are each signed once
/// and archived once when it is back, whichever host claims them.
/// </summary>
public sealed class MultiHostSnapshotWorkerTests : IDisposable
{
    private const int Snapshots = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-multi-worker-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task TwoHosts_SignerDownThenBack_EverySnapshotSignedOnceAndArchivedOnce()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        await using var hostA = await RunningHost.StartAsync(Settings(database, proxy, registry, "a"));
        await using var hostB = await RunningHost.StartAsync(Settings(database, proxy, registry, "b"));
        using var clientA = hostA.Client(devPrincipal: "operator");
        using var clientB = hostB.Client(devPrincipal: "operator");
        string root = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(clientA, "/reason/node", HostApi.Node("decision", root))).Status);

        proxy.Up = false;
        for (int i = 0; i < Snapshots; i++)
        {
            var (status, _) = await HostApi.PostAsync(i % 2 == 0 ? clientA : clientB, "/reason/snapshot", new { rootNodeIds = new[] { root } });
            Assert.Equal(HttpStatusCode.Accepted, status);
        }

        // Both workers try while the signer is down: every failure is recorded with its backoff in the row.
        await WaitUntilAsync(() => database.ScalarAsync<long>("SELECT count(*) FROM snapshots WHERE last_error = 'SIGNING_FAILURE' AND next_attempt_at IS NOT NULL"), Snapshots);
        Assert.Equal(Snapshots, await database.ScalarAsync<long>("SELECT count(*) FROM snapshots WHERE status = 'pending'"));

        proxy.Up = true;
        await WaitUntilAsync(() => database.ScalarAsync<long>("SELECT count(*) FROM snapshots WHERE status = 'signed' AND archived_at IS NOT NULL"), Snapshots);

        var hashes = await HashesAsync(database);
        var statistics = new[] { hostA, hostB }.Select(h => h.Services.GetRequiredService<SnapshotWorkerStatistics>()).ToList();
        Assert.Equal(Snapshots, hashes.Count);
        Assert.Equal(Snapshots, statistics.Sum(s => s.SignedCount));
        Assert.Equal(Snapshots, statistics.Sum(s => s.ArchivedCount));
        Assert.Equal(0, statistics.Sum(s => s.FoundArchivedCount));
        var signed = proxy.SignedDigests;
        Assert.All(hashes, h => Assert.Equal(1, signed.Count(d => d == h)));
        Assert.Equal(Snapshots, await database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE event_type = 'reason.snapshot.created'"));
        Assert.Equal(Snapshots, await database.ScalarAsync<long>("SELECT count(DISTINCT entity_id) FROM audit_events WHERE event_type = 'reason.snapshot.created'"));

        var verifier = new SnapshotVerifier(SignerRegistry.Load(registry));
        var files = Directory.GetFiles(Path.Combine(_directory.FullName, "archive"), "*.json");
        Assert.Equal(Snapshots, files.Length);
        Assert.All(files, f => Assert.True(verifier.Verify(File.ReadAllBytes(f)).IsVerified));
    }

    private Dictionary<string, string> Settings(ScratchDatabase database, SwitchableSigningProxy proxy, string registry, string host)
    {
        var settings = SnapshotHostSettings.For(_directory, proxy, registry);
        settings["DATA_DIR"] = Path.Combine(_directory.FullName, "data-" + host);
        settings["ARCHIVE_DIR"] = Path.Combine(_directory.FullName, "archive");
        settings["DATABASE_URL"] = database.ConnectionString;
        settings["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0.2";
        settings["SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS"] = "1";
        settings["SNAPSHOT_WORKER_GRACE_SECONDS"] = "0";
        return settings;
    }

    private static async Task<List<string>> HashesAsync(ScratchDatabase database)
    {
        string joined = await database.ScalarAsync<string>("SELECT string_agg(hash, ',') FROM snapshots");
        return [.. joined.Split(',')];
    }

    private static async Task WaitUntilAsync(Func<Task<long>> count, long expected)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        long seen;
        while ((seen = await count()) != expected)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"waited {Patience} for {expected}, have {seen}");
            await Task.Delay(100);
        }
    }
}
