using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ReasoningGraph.Archive.FileSystem;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Errors;
using ReasoningGraph.Archive;

namespace ReasoningGraph.Benchmarks.Postgres;

/// <summary>
/// Disaster recovery on PostgreSQL, one-shot measurements (Monitoring, one invocation per iteration):
/// rebuilding 100,000 nodes (and 99,999 edges) from an interchange export into an empty graph in safe mode
/// (<see cref="PostgresGraphStore.ImportUnauditedAsync"/>, baseline: the audited <c>import</c> of the same file in the
/// same run), and the snapshot worker's catch-up: 1,000 pending snapshots signed (local Ed25519), audited and archived
/// (filesystem archive) by one <see cref="SnapshotFinisher"/> once the signer is back.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class RecoveryBenchmarks
{
    private const int Nodes = 100_000;
    private const int PendingSnapshots = 1000;
    private BenchDatabase _database = null!;
    private string _export = null!;
    private PostgresGraphStore _snapshotStore = null!;
    private DirectoryInfo _archive = null!;
    private Guid _root;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync("recovery");
        _export = Path.Combine(Path.GetTempPath(), $"rg-bench-export-{Guid.NewGuid():N}.jsonl");
        await using var file = new StreamWriter(_export, false, new UTF8Encoding(false));
        Guid previous = Guid.Empty;
        var time = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < Nodes; i++)
        {
            var id = Guid.CreateVersion7();
            string at = Rfc3339Nano.Format(time.AddMilliseconds(i));
            await file.WriteLineAsync($"{{\"kind\":\"node\",\"id\":\"{id}\",\"createdAt\":\"{at}\",\"type\":\"observation\",\"author\":\"agent:bench\",\"payload\":{{\"step\":{i},\"reason\":\"threshold exceeded\"}},\"metadata\":{{}}}}");
            if (previous != Guid.Empty)
            {
                await file.WriteLineAsync($"{{\"kind\":\"edge\",\"id\":\"{Guid.CreateVersion7()}\",\"createdAt\":\"{at}\",\"from\":\"{previous}\",\"to\":\"{id}\",\"type\":\"causal\",\"metadata\":{{}}}}");
            }

            previous = id;
        }
    }

    [IterationSetup(Target = nameof(WorkerCatchUp))]
    public void CreatePendingSnapshots() => CreatePendingSnapshotsAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        File.Delete(_export);
        await _database.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "import 100k nodes + edges (audited, local Ed25519)")]
    public Task<ImportResult> AuditedImport() => _database.NewStore().ImportAsync(ReadExport());

    [Benchmark(Description = "rebuild 100k nodes + edges (safe mode, unaudited)")]
    public Task<ImportResult> Rebuild() => _database.NewStore().ImportUnauditedAsync(ReadExport());

    [Benchmark(Description = "worker catch-up: 1,000 pending snapshots signed + archived")]
    public async Task<SnapshotFinisherPass> WorkerCatchUp()
    {
        var service = new SnapshotService(_snapshotStore, _snapshotStore.Snapshots, _database.Signer);
        var archive = new FileSystemSnapshotArchive(new FileSystemArchiveOptions { Directory = _archive.FullName });
        var finisher = new SnapshotFinisher(_snapshotStore.Snapshots, service, new SnapshotArchives(archive, archive)) // operator snapshots only
        {
            Grace = TimeSpan.Zero,
        };
        var pass = await finisher.RunPassAsync();
        return pass.SignedCount == PendingSnapshots && pass.ArchivedCount == PendingSnapshots
            ? pass
            : throw new InvalidOperationException($"caught up {pass.SignedCount} signed, {pass.ArchivedCount} archived of {PendingSnapshots}");
    }

    private async IAsyncEnumerable<GraphItemInput> ReadExport()
    {
        await using var file = File.OpenRead(_export);
        await foreach (var line in GraphInterchange.ReadAsync(file))
        {
            yield return line.Input;
        }
    }

    /// <summary>A fresh graph of three nodes and 1,000 snapshots of it left pending by a signer that is down.</summary>
    private async Task CreatePendingSnapshotsAsync()
    {
        if (_snapshotStore is not null)
        {
            await _snapshotStore.DisposeAsync();
        }

        _archive?.Delete(recursive: true);
        _archive = Directory.CreateTempSubdirectory("rg-bench-archive-");
        _snapshotStore = _database.NewStore();
        _root = Guid.CreateVersion7();
        var child = Guid.CreateVersion7();
        await _snapshotStore.AppendAsync(new GraphBatch
        {
            new NodeInput { Id = _root, Type = "decision", Author = "agent:bench", Payload = System.Text.Json.JsonDocument.Parse("{\"score\":0.9}").RootElement },
            new NodeInput { Id = child, Type = "observation", Author = "agent:bench", Payload = System.Text.Json.JsonDocument.Parse("{\"x\":1}").RootElement },
            new EdgeInput { Id = Guid.CreateVersion7(), From = _root, To = child, Type = "causal" },
        });
        var down = new SnapshotService(_snapshotStore, _snapshotStore.Snapshots, new DownSigner());
        for (int i = 0; i < PendingSnapshots; i++)
        {
            try
            {
                await down.CreateAsync(new SnapshotRequest { RootIds = [_root] });
            }
            catch (ReasoningGraphException e) when (e.ErrorCode == ErrorCodes.SigningFailure)
            {
                // Left pending, as intended.
            }
        }
    }

    /// <summary>A signer that is down.</summary>
    private sealed class DownSigner : IDigestSigner
    {
        public string SignerId => "bench";

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            throw new SigningException("the signer is down (benchmark)", transient: true);
    }
}
