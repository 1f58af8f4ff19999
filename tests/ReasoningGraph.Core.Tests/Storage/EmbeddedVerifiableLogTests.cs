using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Audit;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

/// <summary>
/// The embedded store's verifiable log (<see cref="IVerifiableLog"/>): roots and proofs from the interior hashes it
/// keeps as it appends are exactly RFC 6962's over the chain's events (computed here from the events, the reference),
/// for every size; they verify, and survive a restart, where the tree is rebuilt from the journal.
/// </summary>
public sealed class EmbeddedVerifiableLogTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "rg-log-journal-" + Guid.NewGuid() + ".jsonl");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly HmacDigestSigner _signer = new("embedded-1");

    public void Dispose() => File.Delete(_path);

    [Property(MaxTest = 25)]
    public Property RootsAndProofs_AreRfc6962sOverTheChain_ForEverySize(PositiveInt batches, int seed)
    {
        var random = new Random(seed);
        using var store = new InMemoryGraphStore(new InMemoryStoreOptions(), _time, auditSigner: _signer);
        int next = 1;
        for (int b = 0; b < 1 + (batches.Get % 12); b++)
        {
            next = Write(store, next, 1 + random.Next(9));
        }

        var leaves = LeafHashes(store);
        bool all = leaves.Count == store.GetTreeSizeAsync().Result;
        for (int size = 1; size <= leaves.Count; size++)
        {
            byte[] root = store.GetRootHashAsync(size).Result;
            all &= root.AsSpan().SequenceEqual(MerkleLog.RootHash(leaves, size));
            int index = random.Next(size);
            var inclusion = store.GetInclusionProofAsync(index, size).Result;
            all &= inclusion.Select(Convert.ToHexString).SequenceEqual(MerkleLog.InclusionProof(leaves, index, size).Select(Convert.ToHexString));
            all &= MerkleLog.VerifyInclusion(index, size, MerkleLog.LeafHash(store.GetEventHashAsync(index).Result), inclusion, root);
            int oldSize = 1 + random.Next(size);
            var consistency = store.GetConsistencyProofAsync(oldSize, size).Result;
            all &= MerkleLog.VerifyConsistency(oldSize, size, MerkleLog.RootHash(leaves, oldSize), root, consistency);
        }

        return all.Label($"events={leaves.Count}");
    }

    [Fact]
    public async Task TheTree_IsRebuiltFromTheJournal_AndFindsEachItemsEvent()
    {
        byte[] root;
        long size;
        using (var store = Open())
        {
            Write(store, 1, 300);
            size = await store.GetTreeSizeAsync();
            root = await store.GetRootHashAsync(size);
        }

        using var reopened = Open();
        Assert.Equal(300L, size);
        Assert.Equal(size, await reopened.GetTreeSizeAsync());
        Assert.Equal(Convert.ToHexString(root), Convert.ToHexString(await reopened.GetRootHashAsync(size)));
        Assert.Equal(Convert.ToHexString(MerkleLog.RootHash(LeafHashes(reopened))), Convert.ToHexString(root));

        Assert.Equal(41L, await reopened.FindEventAsync(Id(42), AuditEventTypes.NodeCreated));
        Assert.Null(await reopened.FindEventAsync(Id(42), AuditEventTypes.EdgeCreated));
        Assert.Null(await reopened.FindEventAsync(Id(999)));
    }

    [Fact]
    public async Task SizesBeyondTheChain_AreRefused()
    {
        using var store = new InMemoryGraphStore(new InMemoryStoreOptions(), _time, auditSigner: _signer);
        Write(store, 1, 3);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRootHashAsync(4));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetInclusionProofAsync(3, 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetConsistencyProofAsync(2, 4));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetEventHashAsync(3));
    }

    private InMemoryGraphStore Open() => new(new InMemoryStoreOptions { JournalPath = _path }, _time, auditSigner: _signer);

    private int Write(InMemoryGraphStore store, int from, int count)
    {
        var batch = new GraphBatch();
        for (int i = from; i < from + count; i++)
        {
            batch.Add(Node(Id(i), payload: $"{{\"i\":{i}}}"));
        }

        store.AppendAsync(batch).GetAwaiter().GetResult();
        _time.Advance(TimeSpan.FromMilliseconds(3));
        return from + count;
    }

    private static List<byte[]> LeafHashes(InMemoryGraphStore store) =>
        [.. store.ReadAuditEventsAsync().ToBlockingEnumerable().Select(e => MerkleLog.LeafHash(Convert.FromHexString(e.Hash)))];
}
