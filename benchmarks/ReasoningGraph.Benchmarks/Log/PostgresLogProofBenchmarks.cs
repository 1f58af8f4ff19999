using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using ReasoningGraph.Audit;
using ReasoningGraph.Benchmarks.Postgres;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Benchmarks.Log;

/// <summary>
/// Serving the verifiable log of a 1,000,000-event chain on PostgreSQL (INTEROP §8), each iteration one request's work
/// as <c>/reason/log/inclusion</c> and <c>/reason/log/consistency</c> do it (the chain's size, the event's hash, the
/// proof), so P50/P95 are per-request latencies: from the stored tiles, against the baseline of the same proof computed
/// from the whole chain read from <c>audit_events</c> (how it was served before the tiles).
/// The chain's rows are written by SQL: one million events whose hashes are distinct SHA-256 values, each naming the one before as
/// <c>prev_hash</c> (the tree reads only <c>position</c> and <c>hash</c>, so they are not the chain's real hashes); the setup prints how long extending the tiles over all
/// of them took, once.
/// </summary>
[Config(typeof(Config))]
public class PostgresLogProofBenchmarks
{
    private const long Events = 1_000_000;
    private BenchDatabase _database = null!;
    private PostgresGraphStore _store = null!;
    private readonly Random _random = new(42);

    [GlobalSetup]
    public void Setup()
    {
        _database = BenchDatabase.CreateAsync("log1m").GetAwaiter().GetResult();
        _store = _database.NewStore();
        string g = _store.GraphId, s = "\"" + _database.Schema + "\"";
        _database.ExecuteAsync(
            $"INSERT INTO {s}.graph_heads (graph_id, audit_position) VALUES ('{g}', {Events}) " +
            $"ON CONFLICT (graph_id) DO UPDATE SET audit_position = excluded.audit_position; " +
            $"INSERT INTO {s}.audit_events (graph_id, id, position, event_type, payload, hash, prev_hash, signature, signer_id, created_at, entity_id) " +
            $"SELECT '{g}', gen_random_uuid(), i, 'reason.node.created', '{{}}', encode(sha256(int8send(i)), 'hex'), " +
            $"CASE WHEN i > 1 THEN encode(sha256(int8send(i - 1)), 'hex') END, 'x', 'bench', " +
            $"timestamptz '2026-01-01' + i * interval '1 microsecond', gen_random_uuid() FROM generate_series(1, {Events}) i; " +
            $"ANALYZE {s}.audit_events").GetAwaiter().GetResult();
        var watch = Stopwatch.StartNew();
        byte[] root = _store.GetRootHashAsync(Events).GetAwaiter().GetResult();
        Console.WriteLine($"// extending the tiles over {Events:N0} events: {watch.Elapsed.TotalSeconds:F1} s; root {Convert.ToHexStringLower(root)}");
        if (!root.AsSpan().SequenceEqual(MerkleLog.RootHash(LeafHashesAsync().GetAwaiter().GetResult())))
        {
            throw new InvalidOperationException("The root from the stored tiles is not RFC 6962's over the chain.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "inclusion proof from the whole chain (before)")]
    public async Task<int> InclusionFromTheChain()
    {
        long size = await _store.GetTreeSizeAsync();
        var leaves = await LeafHashesAsync();
        return MerkleLog.InclusionProof(leaves, (int)Index(size), (int)size).Count;
    }

    [Benchmark(Description = "inclusion proof from the stored tiles")]
    public async Task<int> Inclusion()
    {
        long size = await _store.GetTreeSizeAsync();
        long index = Index(size);
        byte[] eventHash = await _store.GetEventHashAsync(index);
        return (await _store.GetInclusionProofAsync(index, size)).Count + eventHash.Length;
    }

    [Benchmark(Description = "consistency proof from the stored tiles")]
    public async Task<int> Consistency()
    {
        long size = await _store.GetTreeSizeAsync();
        return (await _store.GetConsistencyProofAsync(1 + Index(size), size)).Count;
    }

    private long Index(long size) => _random.NextInt64(size - 1);

    private async Task<List<byte[]>> LeafHashesAsync()
    {
        var leaves = new List<byte[]>((int)Events);
        await foreach (var e in _store.ReadAuditEventsAsync())
        {
            leaves.Add(MerkleLog.LeafHash(Convert.FromHexString(e.Hash)));
        }

        return leaves;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(30));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
        }
    }
}
