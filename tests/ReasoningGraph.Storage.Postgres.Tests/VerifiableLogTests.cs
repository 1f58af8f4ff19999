using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL verifiable log (<see cref="IVerifiableLog"/>): roots and proofs from the stored tiles equal RFC
/// 6962's over the chain (the reference, computed here from the events) at every size, while the chain grows across
/// tile boundaries and the tiles are extended a little at a time; other hosts share the stored tiles, and a host on a
/// read-only connection (a standby) answers the same without storing any.
/// </summary>
[RequiresPostgres]
public sealed class VerifiableLogTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task ProofsFromStoredTiles_AreRfc6962sOverTheChain_AsItGrowsPastTileBoundaries()
    {
        var graph = Guid.NewGuid().ToString("N");
        await using var store = schema.NewStore(graphId: graph);
        await using var otherHost = schema.NewStore(graphId: graph);
        var random = new Random(7);
        int next = 1;
        long checkedSizes = 0;
        while (next < 600)
        {
            next = await WriteAsync(store, next, 1 + random.Next(90));
            var leaves = await LeafHashesAsync(store);
            long size = await store.GetTreeSizeAsync();
            Assert.Equal(leaves.Count, size);

            // A few sizes up to the whole chain, each from one of the two hosts.
            foreach (long treeSize in new[] { size, 1 + random.Next((int)size), 1 + random.Next((int)size) })
            {
                var host = random.Next(2) == 0 ? store : otherHost;
                byte[] root = await host.GetRootHashAsync(treeSize);
                Assert.Equal(Hex(MerkleLog.RootHash(leaves, (int)treeSize)), Hex(root));
                int index = random.Next((int)treeSize);
                var inclusion = await host.GetInclusionProofAsync(index, treeSize);
                Assert.Equal(MerkleLog.InclusionProof(leaves, index, (int)treeSize).Select(Hex), inclusion.Select(Hex));
                Assert.True(MerkleLog.VerifyInclusion(index, treeSize, MerkleLog.LeafHash(await host.GetEventHashAsync(index)), inclusion, root));
                int oldSize = 1 + random.Next((int)treeSize);
                var consistency = await host.GetConsistencyProofAsync(oldSize, treeSize);
                Assert.Equal(MerkleLog.ConsistencyProof(leaves, oldSize, (int)treeSize).Select(Hex), consistency.Select(Hex));
                checkedSizes++;
            }
        }

        Assert.True(checkedSizes > 20);
        long stored = await schema.ScalarAsync<long>("SELECT coalesce(sum(length(hashes)) / 32, 0) FROM {s}.log_tiles WHERE graph_id = @g AND level = 0", ("g", graph));
        Assert.True(stored >= 600, $"{stored} leaf hashes stored");
        // Two full level-0 tiles: their roots are the first two hashes of the level-1 tile.
        Assert.Equal(64, await schema.ScalarAsync<int>("SELECT length(hashes) FROM {s}.log_tiles WHERE graph_id = @g AND level = 1 AND idx = 0", ("g", graph)));
    }

    [Fact]
    public async Task AHostOnAReadOnlyConnection_AnswersTheSame_WithoutStoringTiles()
    {
        var graph = Guid.NewGuid().ToString("N");
        await using var primary = schema.NewStore(graphId: graph);
        await WriteAsync(primary, 1, 300);
        var options = schema.Options(graph);
        options.ConnectionString += ";Options=-c default_transaction_read_only=on";
        await using var standby = new PostgresGraphStore(options, schema.Signer);

        byte[] root = await standby.GetRootHashAsync(300);

        Assert.Equal(Hex(MerkleLog.RootHash(await LeafHashesAsync(primary))), Hex(root));
        Assert.Equal(0L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.log_tiles WHERE graph_id = @g", ("g", graph)));
        Assert.Equal(Hex(root), Hex(await primary.GetRootHashAsync(300)));
        Assert.True(await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.log_tiles WHERE graph_id = @g", ("g", graph)) > 0);
    }

    [Fact]
    public async Task EachItemsEvent_IsFoundByItsId_AndSizesBeyondTheChainAreRefused()
    {
        await using var store = schema.NewStore();
        await WriteAsync(store, 1, 5);
        await store.AppendAsync([Edge(Id(1), Id(2), id: Id(100))]);

        Assert.Equal(2L, await store.FindEventAsync(Id(3), AuditEventTypes.NodeCreated));
        Assert.Equal(5L, await store.FindEventAsync(Id(100)));
        Assert.Null(await store.FindEventAsync(Id(3), AuditEventTypes.EdgeCreated));
        Assert.Null(await store.FindEventAsync(Id(77)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRootHashAsync(7));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetInclusionProofAsync(6, 6));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetConsistencyProofAsync(0, 6));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetEventHashAsync(6));
    }

    private static async Task<int> WriteAsync(PostgresGraphStore store, int from, int count)
    {
        var batch = new GraphBatch();
        for (int i = from; i < from + count; i++)
        {
            batch.Add(Node(Id(i)));
        }

        await store.AppendAsync(batch);
        return from + count;
    }

    private static async Task<List<byte[]>> LeafHashesAsync(PostgresGraphStore store)
    {
        var leaves = new List<byte[]>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            leaves.Add(MerkleLog.LeafHash(Convert.FromHexString(e.Hash)));
        }

        return leaves;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
