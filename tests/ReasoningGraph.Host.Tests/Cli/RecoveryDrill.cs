using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// The steps of the DR drill of docs/runbooks/replay-rebuild.md, shared by the drill tests whatever the archive (a
/// directory, S3) or the PII catalog: the service on PostgreSQL signing through a real signing proxy, a small graph,
/// snapshots of it, <c>export</c>, <c>rebuild</c>, traces.
/// </summary>
internal sealed partial class RecoveryDrill : IAsyncDisposable
{
    /// <summary>The snapshots <see cref="WriteAsync"/> takes.</summary>
    public const int Snapshots = 3;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _directory;

    private RecoveryDrill(DirectoryInfo directory, SwitchableSigningProxy proxy, string registry)
    {
        _directory = directory;
        Proxy = proxy;
        Registry = registry;
    }

    public SwitchableSigningProxy Proxy { get; }

    /// <summary>The signer registry holding the proxy's key (what <c>rebuild --signers</c> gets).</summary>
    public string Registry { get; }

    /// <summary>Where <see cref="ExportAsync"/> writes the interchange file.</summary>
    public string Export => Path.Combine(_directory.FullName, "graph.jsonl");

    public static async Task<RecoveryDrill> StartAsync(DirectoryInfo directory)
    {
        var proxy = await SwitchableSigningProxy.StartAsync();
        return new RecoveryDrill(directory, proxy, await proxy.WriteRegistryAsync(directory.FullName));
    }

    /// <summary>The service's settings on <paramref name="database"/>, with a fast worker; callers add the archive.</summary>
    public Dictionary<string, string> HostSettings(ScratchDatabase database)
    {
        var settings = SnapshotHostSettings.For(_directory, Proxy, Registry);
        settings["DATABASE_URL"] = database.ConnectionString;
        settings["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0.2";
        settings["SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS"] = "1";
        return settings;
    }

    /// <summary>
    /// Up to the disaster: in a fresh database, through a service with <see cref="HostSettings"/> and
    /// <paramref name="extraSettings"/> (the archive, PII), the drill's graph and snapshots (<see cref="WriteAsync"/>); then
    /// its traces, <c>export</c> to <see cref="Export"/>, and the database dropped. Returns the node ids and their traces.
    /// </summary>
    public async Task<(string[] Nodes, List<string> Traces)> RecordThenDropAsync(
        string server, IReadOnlyDictionary<string, string> extraSettings, Func<Task<int>> archived)
    {
        var original = await ScratchDatabase.CreateAsync(server);
        var settings = HostSettings(original);
        foreach (var (name, value) in extraSettings)
        {
            settings[name] = value;
        }

        string[] nodes = await WriteAsync(settings, archived);
        var traces = await TracesAsync(original, nodes);
        await ExportAsync(original);
        await original.DropAsync();
        return (nodes, traces);
    }

    /// <summary>
    /// Through a service with <paramref name="settings"/>: the graph of <see cref="WriteGraphAsync"/>, <see cref="Snapshots"/>
    /// snapshots of it, then more writes; returns once <paramref name="archived"/> counts every snapshot. Returns the node ids.
    /// </summary>
    private static async Task<string[]> WriteAsync(IReadOnlyDictionary<string, string> settings, Func<Task<int>> archived)
    {
        string[] nodes = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString())];
        await using var host = await RunningHost.StartAsync(settings);
        using var client = host.Client(devPrincipal: "operator");
        await WriteGraphAsync(client, nodes);
        await SnapshotAsync(client, nodes[2], depth: 1);
        await SnapshotAsync(client, nodes[4], depth: 2);
        await SnapshotAsync(client, nodes[0], depth: 3);

        // Written after the snapshots: a replay must re-collect each snapshot as of its own items, not today's graph.
        await PostAsync(client, "/reason/node", HostApi.Node("observation", nodes[5]));
        await PostAsync(client, "/reason/edge", new { from = nodes[5], to = nodes[2], type = "causal" });
        await PostAsync(client, $"/reason/node/{nodes[4]}/annotations", new { annotationType = "note", author = "auditor", payload = new { text = "later" } });
        await WaitForArchiveAsync(archived, Snapshots);
        return nodes;
    }

    /// <summary>Waits (at most a minute) until <paramref name="archived"/> counts <paramref name="count"/> documents.</summary>
    public static async Task WaitForArchiveAsync(Func<Task<int>> archived, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (await archived() < count)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{count} snapshots were not archived within {Patience}");
            await Task.Delay(100);
        }
    }

    /// <summary>0 → 1 → 2 → 3 → 4 causal, 1 → 3 supports, annotations on a node and an edge.</summary>
    public static async Task WriteGraphAsync(HttpClient client, string[] nodes)
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

    public static async Task<string> SnapshotAsync(HttpClient client, string root, int depth)
    {
        var (status, body) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { root }, depth });
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("snapshotId").GetString()!;
    }

    /// <summary><c>export</c> of <paramref name="database"/> to <see cref="Export"/>.</summary>
    public async Task ExportAsync(ScratchDatabase database)
    {
        var exported = await CliProcess.RunAsync(["export", "--database-url", database.ConnectionString, "--out", Export]);
        Assert.True(exported.ExitCode == 0, exported.StandardError);
    }

    /// <summary><c>rebuild</c> from <see cref="Export"/> and <paramref name="archive"/> into <paramref name="database"/>.</summary>
    public Task<CliResult> RebuildAsync(
        string archive, ScratchDatabase database, IEnumerable<string>? options = null, IReadOnlyDictionary<string, string>? environment = null) =>
        CliProcess.RunAsync(
            ["rebuild", "--graph", Export, "--archive", archive, "--signers", Registry, "--database-url", database.ConnectionString, .. options ?? []],
            environment: environment);

    /// <summary>Asserts a rebuild that verified all <see cref="Snapshots"/> snapshots.</summary>
    public static void AssertEverySnapshotVerified(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var summary = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(Snapshots, summary.RootElement.GetProperty("snapshots").GetInt32());
        Assert.Equal(Snapshots, summary.RootElement.GetProperty("verified").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("mismatches").GetArrayLength());
        Assert.Contains($"\nrebuild snapshots: {Snapshots} items in ", result.StandardError, StringComparison.Ordinal); // after the import's progress
    }

    /// <summary>Every node's trace (<see cref="TraceAsync"/>).</summary>
    public static async Task<List<string>> TracesAsync(ScratchDatabase database, IEnumerable<string> nodes)
    {
        var traces = new List<string>();
        foreach (string node in nodes)
        {
            traces.Add(await TraceAsync(database, node));
        }

        return traces;
    }

    /// <summary>The trace's bytes as printed, but for <c>metadata.createdAt</c> (the time the command ran).</summary>
    public static async Task<string> TraceAsync(ScratchDatabase database, string node)
    {
        var trace = await CliProcess.RunAsync(["causal-trace", "--database-url", database.ConnectionString, "--root", node]);
        Assert.True(trace.ExitCode == 0, trace.StandardError);
        string text = Encoding.UTF8.GetString(trace.StandardOutput);
        Assert.Contains("ordered_path", text, StringComparison.Ordinal);
        return TraceTime().Replace(text, "$1\"…\"");
    }

    /// <summary>How many documents a filesystem archive holds.</summary>
    public static int ArchivedFiles(string archive) => Directory.Exists(archive) ? Directory.GetFiles(archive, "*.json").Length : 0;

    public ValueTask DisposeAsync() => Proxy.DisposeAsync();

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        var (status, response) = await HostApi.PostAsync(client, path, body);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{path}: {(int)status} {response}");
    }

    [GeneratedRegex("(\"metadata\":\\{\"traceId\":\"[^\"]*\",\"createdAt\":)\"[^\"]*\"")]
    private static partial Regex TraceTime();
}
