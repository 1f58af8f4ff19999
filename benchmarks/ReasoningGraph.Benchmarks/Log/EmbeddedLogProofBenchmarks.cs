using System.Diagnostics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Benchmarks.Log;

/// <summary>
/// Serving the embedded store's verifiable log at 1,000,000 events (INTEROP §8): an inclusion proof (with the event's
/// hash) and a consistency proof from the interior hashes the store keeps as it appends, against the baseline of the
/// same inclusion proof computed from the leaf hashes (how it was served before: every event read, then the proof).
/// The chain is written through the store's append path, one audit event per node; its events are signed with an
/// HMAC key, not Ed25519, only to make a million-event setup quick (the tree does not read signatures).
/// </summary>
[MemoryDiagnoser]
public class EmbeddedLogProofBenchmarks
{
    private const int Events = 1_000_000;
    private InMemoryGraphStore _store = null!;
    private List<byte[]> _leaves = null!;
    private readonly Random _random = new(42);

    [GlobalSetup]
    public void Setup()
    {
        var watch = Stopwatch.StartNew();
        _store = new InMemoryGraphStore(new InMemoryStoreOptions(), auditSigner: new HmacSigner());
        for (int start = 0; start < Events; start += 10_000)
        {
            var batch = new GraphBatch();
            for (int i = start; i < start + 10_000; i++)
            {
                batch.Add(new NodeInput { Id = new Guid(i, 0, 0, new byte[8]), Type = "observation", Author = "agent:bench", Payload = System.Text.Json.JsonElement.Parse("{}") });
            }

            _store.AppendAsync(batch).GetAwaiter().GetResult();
        }

        _leaves = [.. _store.ReadAuditEventsAsync().ToBlockingEnumerable().Select(e => MerkleLog.LeafHash(Convert.FromHexString(e.Hash)))];
        Console.WriteLine($"// {Events:N0} events appended in {watch.Elapsed.TotalSeconds:F1} s");
        if (!_store.GetRootHashAsync(Events).Result.AsSpan().SequenceEqual(MerkleLog.RootHash(_leaves)))
        {
            throw new InvalidOperationException("The store's root is not RFC 6962's over its chain.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, Description = "inclusion proof from the leaf hashes (before)")]
    public int InclusionFromTheLeaves() => MerkleLog.InclusionProof(_leaves, _random.Next(Events), Events).Count;

    [Benchmark(Description = "inclusion proof from the kept interior hashes")]
    public async Task<int> Inclusion()
    {
        long size = await _store.GetTreeSizeAsync();
        long index = _random.NextInt64(size);
        byte[] eventHash = await _store.GetEventHashAsync(index);
        return (await _store.GetInclusionProofAsync(index, size)).Count + eventHash.Length;
    }

    [Benchmark(Description = "consistency proof from the kept interior hashes")]
    public async Task<int> Consistency()
    {
        long size = await _store.GetTreeSizeAsync();
        return (await _store.GetConsistencyProofAsync(1 + _random.NextInt64(size - 1), size)).Count;
    }

    private sealed class HmacSigner : IDigestSigner
    {
        private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

        public string SignerId => "bench-hmac";

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(HMACSHA256.HashData(_key, digest.Span));
    }
}
