using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Host.Tests.Serving;
using ReasoningGraph.Host.Tests.Support;
using Xunit.Abstractions;

namespace ReasoningGraph.Host.Tests.Ha;

/// <summary>
/// Reads on the standby of the Patroni pair (<c>DATABASE_READ_URL</c>, docs/SCALING.md "Reads on standbys"): one
/// service reads on the standby, another on the primary only, over the same database. A tree (three children per node,
/// so it stays within the walk's depth limit) is written step by step; after every write its author traces from the root and must see it (read-your-write, though the standby
/// trails the primary), and walks paged while the writes go on must list, page after page at their first page's
/// <c>asOf</c>, exactly what the primary-only service lists at that <c>asOf</c>. The standby must have served reads,
/// and how long a write takes to appear on it (the lag) is written to the test output.
/// </summary>
[Collection(SharedHaCluster.Name)]
public sealed class StandbyReadDrillTests(ITestOutputHelper output) : IDisposable
{
    private const int Steps = 120;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-ha-standby-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task ReadsOnTheStandby_MatchThePrimary_AndAClientNeverMissesItsOwnWrite()
    {
        if (HaCluster.OrSkip() is not { } cluster)
        {
            return;
        }

        await HaCluster.RestoreAsync();
        var (_, standby) = await cluster.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        await using var database = await ScratchDatabase.CreateAsync(cluster.AdminUrl);
        string keys = Path.Combine(_directory.FullName, "keys");
        await DrillService.KeygenAsync(keys, "ha-standby-1");
        string standbyUrl = new NpgsqlConnectionStringBuilder(cluster.MemberUrl(standby, database.Name)) { Pooling = true }.ConnectionString;
        await using var reading = ServiceProcess.Start("serve", DrillService.Environment(cluster.ServiceUrl(database.Name), keys, "ha-standby-1", new Dictionary<string, string> { ["DATABASE_READ_URL"] = standbyUrl }));
        await using var primaryOnly = ServiceProcess.Start("serve", DrillService.Environment(cluster.ServiceUrl(database.Name), keys, "ha-standby-1"));
        using var client = await ReadyClientAsync(reading);
        using var reference = await ReadyClientAsync(primaryOnly);
        await using var onStandby = NpgsqlDataSource.Create(standbyUrl);

        string root = Guid.CreateVersion7().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("observation", root))).Status);
        var chain = new List<string> { root };
        var walks = new List<PagedWalk>();
        var lags = new List<double>();
        for (int step = 1; step <= Steps; step++)
        {
            string id = Guid.CreateVersion7().ToString();
            Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", id))).Status);
            var written = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/edge", new { from = chain[(step - 1) / 3], to = id, type = "causal" })).Status);
            chain.Add(id);

            // Read-your-write: the author's own trace, right after the write, includes it.
            var (status, page) = await HostApi.GetAsync(client, $"/reason/trace/{root}?direction=descendants&depth=1000&pageSize=1000");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(StepIds(page).Contains(id), $"step {step}: the trace after the write misses it ({StepIds(page).Count()} steps)");

            if (step % 4 == 0)
            {
                lags.Add(await LagAsync(onStandby, id, written));
            }

            if (step % 20 == 0)
            {
                walks.Add(new PagedWalk(root, AsOf: 1 + (2 * step))); // the root, then a node and an edge per step
            }

            foreach (var walk in walks.Where(w => !w.Done))
            {
                await walk.NextPageAsync(client); // one page per write: the graph grows under the walk
            }
        }

        foreach (var walk in walks)
        {
            while (!walk.Done)
            {
                await walk.NextPageAsync(client);
            }

            var (status, whole) = await HostApi.GetAsync(reference, $"/reason/trace/{root}?direction=descendants&depth=1000&pageSize=1000&asOf={walk.AsOf}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(StepIds(whole).Order(StringComparer.Ordinal), walk.Seen.Order(StringComparer.Ordinal));
        }

        var served = await ReplicaReadsAsync(client);
        lags.Sort();
        output.WriteLine($"standby reads: {string.Join(", ", served.Select(s => $"{s.Key} {s.Value}"))}; {walks.Count} paged walks matched the primary; "
            + $"write visible on the standby after p50 {lags[lags.Count / 2]:F2} ms, max {lags[^1]:F2} ms ({lags.Count} samples)");
        Assert.True(served.GetValueOrDefault("served") > 0, "the standby served no read");
        Assert.Equal(0, served.GetValueOrDefault("failed"));
    }

    private static async Task<HttpClient> ReadyClientAsync(ServiceProcess service)
    {
        Assert.Equal(HttpStatusCode.OK, (await service.WaitForHealthAsync()).StatusCode);
        var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Local-Dev-Principal", "kernel");
        var deadline = Stopwatch.StartNew();
        while ((await client.GetAsync(new Uri("/ready", UriKind.Relative))).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the service never became ready (migrations)");
            await Task.Delay(200);
        }

        return client;
    }

    /// <summary>Milliseconds from the write's acknowledgement until its node is on the standby.</summary>
    private static async Task<double> LagAsync(NpgsqlDataSource standby, string id, Stopwatch sinceWrite)
    {
        await using var command = standby.CreateCommand("SELECT count(*) FROM nodes WHERE id = @id");
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(sinceWrite.Elapsed < TimeSpan.FromSeconds(30), $"{id} never reached the standby");
            await Task.Delay(1);
        }

        return sinceWrite.Elapsed.TotalMilliseconds;
    }

    private static async Task<Dictionary<string, long>> ReplicaReadsAsync(HttpClient client)
    {
        string metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return metrics.Split('\n')
            .Where(line => line.StartsWith("reasoning_graph_replica_reads_total{", StringComparison.Ordinal))
            .Select(line => (Outcome: System.Text.RegularExpressions.Regex.Match(line, "outcome=\"([a-z]+)\"").Groups[1].Value, Count: long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(s => s.Outcome, s => s.Count);
    }

    private static IEnumerable<string> StepIds(JsonElement page) =>
        page.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("node").GetProperty("id").GetString()!);

    /// <summary>A walk at <paramref name="AsOf"/> (the graph's newest seq when it starts), paged five steps at a time by its cursor.</summary>
    private sealed class PagedWalk(string root, long AsOf)
    {
        private string? _cursor;

        public List<string> Seen { get; } = [];

        public long AsOf { get; } = AsOf;

        public bool Done { get; private set; }

        public async Task NextPageAsync(HttpClient client)
        {
            string path = $"/reason/trace/{root}?direction=descendants&depth=1000&pageSize=5" + (_cursor is null ? $"&asOf={AsOf}" : "&cursor=" + Uri.EscapeDataString(_cursor));
            var (status, page) = await HostApi.GetAsync(client, path);
            Assert.Equal(HttpStatusCode.OK, status);
            Seen.AddRange(StepIds(page));
            _cursor = page.GetProperty("nextCursor").GetString();
            Done = _cursor is null;
        }
    }
}
