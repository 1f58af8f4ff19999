using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ReasoningGraph.Archive;
using ReasoningGraph.Archive.FileSystem;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Benchmarks.Archive;

/// <summary>
/// Archive puts of signed snapshot documents: the filesystem archive (baseline: temp file, fsync, chmod, link), the
/// S3 archive against the local Ceph RGW (existence check, PutObject with Object Lock, retention read back,
/// first-version check) and, as the floor, one bare PutObject of the same bytes to the same server. Each
/// invocation archives a batch of fresh documents made in the iteration setup; times are per document.
/// Needs <c>REASONING_GRAPH_TEST_S3_ENDPOINT</c>, <c>_ACCESS_KEY</c>, <c>_SECRET</c> (<c>eval "$(scripts/rgw.sh env)"</c>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 12, invocationCount: 1)]
public class ArchivePutBenchmarks
{
    private const int Batch = 32;
    private readonly SnapshotDocumentSigner _signer = new(new HmacSigner());
    private string _directory = null!;
    private FileSystemSnapshotArchive _files = null!;
    private IAmazonS3 _client = null!;
    private S3SnapshotArchive _s3 = null!;
    private string _bucket = null!;
    private ArchiveDocument[] _documents = [];

    [Params(2, 64)]
    public int DocumentKB { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("rg-bench-archive-").FullName;
        _files = new FileSystemSnapshotArchive(new() { Directory = _directory });
        _bucket = "rg-bench-" + Guid.NewGuid().ToString("N")[..12];
        var options = new S3ArchiveOptions
        {
            ServiceUrl = new Uri(Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_ENDPOINT")
                ?? throw new InvalidOperationException("Set REASONING_GRAPH_TEST_S3_* (bash scripts/rgw.sh start && eval \"$(bash scripts/rgw.sh env)\").")),
            AccessKey = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_ACCESS_KEY"),
            SecretKey = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_SECRET"),
            Bucket = _bucket,
            Prefix = "",
            RetentionPeriod = TimeSpan.FromDays(1),
        };
        _client = S3ArchiveClient.Create(options);
        _s3 = new S3SnapshotArchive(_client, options);
        await _s3.EnsureBucketAsync();
    }

    [IterationSetup]
    public void MakeDocuments() => _documents = Enumerable.Range(0, Batch).Select(_ => Document()).ToArray();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "filesystem archive put")]
    public async Task FileSystemAsync()
    {
        foreach (var document in _documents)
        {
            await _files.PutAsync(document);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "S3 archive put (lock, read-back, checks)")]
    public async Task S3ArchiveAsync()
    {
        foreach (var document in _documents)
        {
            await _s3.PutAsync(document);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "floor: bare S3 PutObject, no lock")]
    public async Task BarePutObjectAsync()
    {
        foreach (var document in _documents)
        {
            using var stream = new MemoryStream(document.Document.ToArray());
            await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "bare/" + document.Name, InputStream = stream });
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _s3.Dispose();
        _client.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ArchiveDocument Document()
    {
        string filler = new('x', DocumentKB * 1024);
        var content = new SnapshotContent
        {
            Id = Guid.NewGuid().ToString(),
            RootIds = ["root"],
            CreatedAt = "2026-11-23T12:00:00Z",
            ReasoningGraphVersion = "0.1.0",
            Payload = Encoding.UTF8.GetBytes($$"""{"nodes":[{"id":"root","text":"{{filler}}"}],"edges":[],"annotations":[],"audience":"auditor","pii_included":false,"pii_policy_version":"v1"}"""),
        };
        return ArchiveDocument.FromSignedSnapshot(_signer.SignAsync(content).GetAwaiter().GetResult());
    }

    /// <summary>A 64-byte stand-in signature (HMAC-SHA512): the archive neither checks signatures nor cares how they were made.</summary>
    private sealed class HmacSigner : IDigestSigner
    {
        public string SignerId => "bench";

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(System.Security.Cryptography.HMACSHA512.HashData(new byte[32], digest.Span));
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new RateColumn("docs/s", "Documents archived per second", _ => 1));
            AddColumn(new ThroughputColumn(c => (int)c.Parameters["DocumentKB"] * 1024L));
        }
    }
}
