using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// The DR drill of docs/runbooks/replay-rebuild.md in one test, with real parts: the service on PostgreSQL signing
/// through a real signing proxy and archiving to the filesystem archive; <c>export</c>; the database dropped;
/// <c>rebuild</c> into a fresh database from the export and the archive. Traces are byte-identical and every archived
/// snapshot verifies; a doctored export is caught, naming the snapshot and the item.
/// </summary>
public sealed partial class DisasterRecoveryDrillTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-dr-drill-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task WriteSnapshotExportDropRebuild_TracesEqual_EverySnapshotVerifies()
    {
        if (ScratchDatabase.ServerOrSkip() is not { } server)
        {
            return;
        }

        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        string archive = Path.Combine(_directory.FullName, "archive");
        string export = Path.Combine(_directory.FullName, "graph.jsonl");
        var original = await ScratchDatabase.CreateAsync(server);
        string[] nodes = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString())];
        var tracesBefore = new List<string>();

        await using (var host = await RunningHost.StartAsync(HostSettings(original, proxy, registry, archive)))
        {
            using var client = host.Client(devPrincipal: "operator");
            await WriteGraphAsync(client, nodes);
            await SnapshotAsync(client, nodes[2], depth: 1);
            await SnapshotAsync(client, nodes[4], depth: 2);
            await SnapshotAsync(client, nodes[0], depth: 3);

            // Written after the snapshots: a replay must re-collect each snapshot as of its own items, not today's graph.
            await PostAsync(client, "/reason/node", HostApi.Node("observation", nodes[5]));
            await PostAsync(client, "/reason/edge", new { from = nodes[5], to = nodes[2], type = "causal" });
            await PostAsync(client, $"/reason/node/{nodes[4]}/annotations", new { annotationType = "note", author = "auditor", payload = new { text = "later" } });
            await WaitForArchiveAsync(archive, 3);
        }

        foreach (string node in nodes)
        {
            tracesBefore.Add(await TraceAsync(original, node));
        }

        var exported = await CliProcess.RunAsync(["export", "--database-url", original.ConnectionString, "--out", export]);
        Assert.True(exported.ExitCode == 0, exported.StandardError);
        await original.DropAsync();
        int signaturesBefore = proxy.SignedDigests.Count;

        await using var rebuilt = await ScratchDatabase.CreateAsync(server);
        var result = await RebuildAsync(export, archive, registry, rebuilt);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var summary = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(3, summary.RootElement.GetProperty("snapshots").GetInt32());
        Assert.Equal(3, summary.RootElement.GetProperty("verified").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("mismatches").GetArrayLength());
        for (int i = 0; i < nodes.Length; i++)
        {
            Assert.Equal(tracesBefore[i], await TraceAsync(rebuilt, nodes[i]));
        }

        // Safe mode: nothing signed, no audit events, no snapshots.
        Assert.Equal(signaturesBefore, proxy.SignedDigests.Count);
        Assert.Equal(0L, await rebuilt.ScalarAsync<long>("SELECT count(*) FROM audit_events"));
        Assert.Equal(0L, await rebuilt.ScalarAsync<long>("SELECT count(*) FROM snapshots"));

        // A second rebuild into the same, no longer empty, graph is refused and changes nothing.
        var again = await RebuildAsync(export, archive, registry, rebuilt);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("CONFLICT", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebuildFromADoctoredExport_NamesTheSnapshotAndTheItem()
    {
        if (ScratchDatabase.ServerOrSkip() is not { } server)
        {
            return;
        }

        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        string archive = Path.Combine(_directory.FullName, "archive");
        string export = Path.Combine(_directory.FullName, "graph.jsonl");
        string[] nodes = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString())];
        string snapshotId;
        await using (var original = await ScratchDatabase.CreateAsync(server))
        {
            await using (var host = await RunningHost.StartAsync(HostSettings(original, proxy, registry, archive)))
            {
                using var client = host.Client(devPrincipal: "operator");
                await WriteGraphAsync(client, nodes);
                snapshotId = await SnapshotAsync(client, nodes[2], depth: 2);
                await WaitForArchiveAsync(archive, 1);
            }

            Assert.Equal(0, (await CliProcess.RunAsync(["export", "--database-url", original.ConnectionString, "--out", export])).ExitCode);
        }

        // The export loses a node's payload change: the rebuilt graph no longer matches what was signed.
        string doctored = File.ReadAllText(export).Replace("\"note\":\"decision\"", "\"note\":\"rewritten\"", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(export), doctored);
        File.WriteAllText(export, doctored);

        await using var rebuilt = await ScratchDatabase.CreateAsync(server);
        var result = await RebuildAsync(export, archive, registry, rebuilt);

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.StandardError.Contains($"snapshot {snapshotId}: payload-differs:", StringComparison.Ordinal), result.StandardError);
        Assert.True(result.StandardError.Contains("nodes with other content: ", StringComparison.Ordinal), result.StandardError);
        Assert.True(result.StandardError.Contains(nodes[2], StringComparison.Ordinal), result.StandardError);
    }

    private Dictionary<string, string> HostSettings(ScratchDatabase database, SwitchableSigningProxy proxy, string registry, string archive)
    {
        var settings = SnapshotHostSettings.For(_directory, proxy, registry);
        settings["DATABASE_URL"] = database.ConnectionString;
        settings["ARCHIVE_DIR"] = archive;
        settings["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0.2";
        settings["SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS"] = "1";
        return settings;
    }

    /// <summary>0 → 1 → 2 → 3 → 4 causal, 1 → 3 supports, annotations on a node and an edge.</summary>
    private static async Task WriteGraphAsync(HttpClient client, string[] nodes)
    {
        string[] types = ["observation", "score", "decision", "recommendation", "decision"];
        for (int i = 0; i < 5; i++)
        {
            await PostAsync(client, "/reason/node", HostApi.Node(types[i], nodes[i]));
        }

        string edge = Guid.NewGuid().ToString();
        await PostAsync(client, "/reason/edges", new
        {
            edges = new object[]
            {
                new { from = nodes[0], to = nodes[1], type = "causal" },
                new { id = edge, from = nodes[1], to = nodes[2], type = "causal" },
                new { from = nodes[2], to = nodes[3], type = "causal" },
                new { from = nodes[3], to = nodes[4], type = "causal" },
                new { from = nodes[1], to = nodes[3], type = "supports" },
            },
        });
        await PostAsync(client, $"/reason/node/{nodes[2]}/annotations", new { annotationType = "note", author = "auditor", payload = new { text = "checked" } });
        await PostAsync(client, $"/reason/annotate/{edge}", new { annotationType = "correction", author = "auditor", payload = new { text = "weight" }, targetType = "edge" });
    }

    private static async Task<string> SnapshotAsync(HttpClient client, string root, int depth)
    {
        var (status, body) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { root }, depth });
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("snapshotId").GetString()!;
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        var (status, response) = await HostApi.PostAsync(client, path, body);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{path}: {(int)status} {response}");
    }

    /// <summary>The trace's bytes as printed, but for <c>metadata.createdAt</c> (the time the command ran).</summary>
    private static async Task<string> TraceAsync(ScratchDatabase database, string node)
    {
        var trace = await CliProcess.RunAsync(["causal-trace", "--database-url", database.ConnectionString, "--root", node]);
        Assert.True(trace.ExitCode == 0, trace.StandardError);
        string text = Encoding.UTF8.GetString(trace.StandardOutput);
        Assert.Contains("ordered_path", text, StringComparison.Ordinal);
        return TraceTime().Replace(text, "$1\"…\"");
    }

    [GeneratedRegex("(\"metadata\":\\{\"traceId\":\"[^\"]*\",\"createdAt\":)\"[^\"]*\"")]
    private static partial Regex TraceTime();

    private static Task<CliResult> RebuildAsync(string export, string archive, string registry, ScratchDatabase database) =>
        CliProcess.RunAsync(["rebuild", "--graph", export, "--archive", archive, "--signers", registry, "--database-url", database.ConnectionString]);

    private static async Task WaitForArchiveAsync(string archive, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!Directory.Exists(archive) || Directory.GetFiles(archive, "*.json").Length < count)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{count} snapshots were not archived within {Patience}");
            await Task.Delay(100);
        }
    }
}
