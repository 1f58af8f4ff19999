using BenchmarkDotNet.Attributes;
using ReasoningGraph.Benchmarks.Postgres;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Benchmarks.Snapshots;

/// <summary>
/// One snapshot end to end on PostgreSQL: the frontier queries, annotations, canonicalization, hash, local Ed25519
/// signature, the pending insert and the signing transaction (head lock, audit event, document as bytea). Baseline:
/// canonicalizing and hashing the same signed object once. Target: ≤ 250 ms for 10,000 nodes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 12)]
public class PostgresSnapshotBenchmarks
{
    private BenchDatabase _database = null!;
    private PostgresGraphStore _store = null!;
    private SnapshotService _service = null!;
    private Guid _root;
    private byte[] _signedBytes = null!;

    [Params(1000, 10000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync("snapshot");
        _store = _database.NewStore();
        var (batch, root) = SnapshotGraph.Create(Nodes);
        await _store.AppendAsync(batch);

        // Without statistics the frontier statements would be planned for empty tables.
        await _database.AnalyzeAsync();
        _root = root;
        _service = new SnapshotService(_store, _store.Snapshots, _database.Signer);
        _signedBytes = (await Snapshot()).SignedBytes.ToArray();
    }

    /// <summary>Drops the stored documents between iterations so the table does not grow by megabytes per invocation.</summary>
    [IterationCleanup]
    public void DeleteSnapshots()
    {
        using var delete = _database.DataSource.CreateCommand($"DELETE FROM \"{_database.Schema}\".snapshots");
        delete.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Canonicalize + SHA-256 of the signed object")]
    public byte[] HashOnly() => CanonicalJson.ComputeSha256(_signedBytes);

    [Benchmark(Description = "Snapshot end to end (PostgreSQL)")]
    public Task<StoredSnapshot> Snapshot() => _service.CreateAsync(new SnapshotRequest { RootIds = [_root] });
}
