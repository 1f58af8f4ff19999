using System.Text.Json;
using Amazon.S3;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Benchmarks.Postgres;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Benchmarks.Archive;

/// <summary>
/// <c>export-snapshots</c> throughput: <see cref="SnapshotExporter"/> reading 500 signed snapshots from PostgreSQL
/// (audit-chain order), writing them as one gzipped JSONL batch and moving the watermark, into a fresh destination per
/// invocation: the local Ceph RGW with Object Lock (write-once put, retention read back, first-version check, watermark
/// version) against the baseline, a directory (temp file, fsync, chmod, link; watermark rename). Times are per snapshot.
/// Needs <c>REASONING_GRAPH_BENCH_DATABASE_URL</c> and <c>REASONING_GRAPH_TEST_S3_*</c> (<c>eval "$(scripts/rgw.sh env)"</c>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class SnapshotExportBenchmarks
{
    private const int Snapshots = 500;
    private BenchDatabase _database = null!;
    private PostgresGraphStore _store = null!;
    private SnapshotExporter _exporter = null!;
    private string _directory = null!;
    private IAmazonS3 _client = null!;
    private S3ArchiveOptions _s3 = null!;
    private IExportDestination _destination = null!;

    [Params(2, 16)]
    public int DocumentKB { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync("export");
        _store = new PostgresGraphStore(_database.Options("export"), _database.Signer);
        var payload = JsonDocument.Parse($$"""{"text":"{{new string('x', DocumentKB * 1024)}}"}""").RootElement;
        var root = Guid.CreateVersion7();
        await _store.AppendAsync([new NodeInput { Id = root, Type = "observation", Author = "agent:bench", Payload = payload }]);
        var service = new SnapshotService(_store, _store.Snapshots, _database.Signer);
        for (int i = 0; i < Snapshots; i++)
        {
            await service.CreateAsync(new SnapshotRequest { RootIds = [root], Depth = 0, Audience = SnapshotAudience.Operator, Actor = "bench" });
        }

        _exporter = new SnapshotExporter(_store.Snapshots, new SnapshotExportOptions { GraphId = "export" });
        _directory = Directory.CreateTempSubdirectory("rg-bench-export-").FullName;
        _s3 = new S3ArchiveOptions
        {
            ServiceUrl = new Uri(Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_ENDPOINT")
                ?? throw new InvalidOperationException("Set REASONING_GRAPH_TEST_S3_* (bash scripts/rgw.sh start && eval \"$(bash scripts/rgw.sh env)\").")),
            AccessKey = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_ACCESS_KEY"),
            SecretKey = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_SECRET"),
            Bucket = "rg-bench-export-" + Guid.NewGuid().ToString("N")[..12],
            Prefix = "",
            RetentionPeriod = TimeSpan.FromDays(1),
        };
        _client = S3ArchiveClient.Create(_s3);
        using var archive = new S3SnapshotArchive(_client, _s3);
        await archive.EnsureBucketAsync();
    }

    [IterationSetup(Target = nameof(DirectoryAsync))]
    public void NewDirectory() => _destination = new DirectoryExportDestination(Path.Combine(_directory, Guid.NewGuid().ToString("N")));

    [IterationSetup(Target = nameof(S3Async))]
    public void NewPrefix() => _destination = new S3ExportDestination(_client, _s3, Guid.NewGuid().ToString("N") + "/reasoning-graph/bench/");

    [Benchmark(Baseline = true, OperationsPerInvoke = Snapshots, Description = "export to a directory")]
    public Task DirectoryAsync() => ExportAllAsync();

    [Benchmark(OperationsPerInvoke = Snapshots, Description = "export to S3 (Object Lock)")]
    public Task S3Async() => ExportAllAsync();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _store.DisposeAsync();
        await _database.DisposeAsync();
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal;
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task ExportAllAsync()
    {
        var result = await _exporter.ExportAsync(_destination, SnapshotAudience.Operator);
        if (result.Snapshots != Snapshots)
        {
            throw new InvalidOperationException($"Exported {result.Snapshots} snapshots, not {Snapshots}.");
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new RateColumn("snapshots/s", "Snapshots exported per second", _ => 1));
            AddColumn(new ThroughputColumn(c => (int)c.Parameters["DocumentKB"] * 1024L));
        }
    }
}
