using BenchmarkDotNet.Attributes;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Model;
using ReasoningGraph.Traversal;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Benchmarks.Snapshots;

/// <summary>
/// One snapshot end to end on the in-memory store — collect both directions to depth 2, write the payload,
/// canonicalize, hash, sign (local Ed25519), store pending then signed with its audit event — against the floor of
/// canonicalizing and hashing the same signed object once. Target: ≤ 100 ms for 10,000 nodes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 12)]
public class SnapshotCreationBenchmarks
{
    private InMemoryGraphStore _store = null!;
    private LocalEd25519Signer _signer = null!;
    private Guid _root;
    private byte[] _signedBytes = null!;

    [Params(1000, 10000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = new InMemoryGraphStore();
        var (batch, root) = SnapshotGraph.Create(Nodes);
        await _store.AppendAsync(batch);
        _root = root;
        _signer = LocalEd25519Signer.FromSeed(new byte[32], "bench");
        _signedBytes = (await CreateAsync()).SignedBytes.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _signer.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Canonicalize + SHA-256 of the signed object")]
    public byte[] HashOnly() => CanonicalJson.ComputeSha256(_signedBytes);

    [Benchmark(Description = "Snapshot end to end (in-memory)")]
    public async Task<StoredSnapshot> Snapshot() => await CreateAsync();

    /// <summary>The traversal engine's walks of the same subgraph (both directions, depth 2, pages of 1,000), for the
    /// "collection at least as fast as the walk" comparison.</summary>
    [Benchmark(Description = "TraceAsync both directions, depth 2 (the walk)")]
    public async Task<int> Walk()
    {
        var walker = new ReasoningGraphService(Microsoft.Extensions.Options.Options.Create(new ReasoningGraphOptions()), _store);
        int count = 0;
        foreach (var direction in (TraversalDirection[])[TraversalDirection.Descendants, TraversalDirection.Ancestors])
        {
            string? cursor = null;
            do
            {
                var page = await walker.TraceAsync(_root, direction, new TraversalOptions { Depth = 2, PageSize = 1_000, Cursor = cursor });
                count += page.Steps.Count + page.Edges.Count;
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }

        return count;
    }

    /// <summary>A fresh snapshot store each time, so stored documents do not pile up across invocations.</summary>
    private async Task<StoredSnapshot> CreateAsync()
    {
        using var snapshots = new InMemorySnapshotStore(_signer);
        return await new SnapshotService(_store, snapshots, _signer).CreateAsync(new SnapshotRequest { RootIds = [_root] });
    }
}
