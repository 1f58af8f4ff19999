using System.Buffers.Binary;
using System.Security.Cryptography;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage.Postgres.Tests.Support;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// The stored tiles of the verifiable log over long chains and in bad states. The chains are rows written by SQL
/// (event i's hash is SHA-256 of i as 8 big-endian bytes; the tree reads only position and hash), so a test can grow
/// one past a full level-1 tile (65,536 events: a node at height 16, the extension's chunk boundary, and full tiles
/// reloaded from the table) in a moment; the reference is RFC 6962 over the same hashes computed here. A stored tree
/// that disagrees with the chain is refused with a stable reason, never served, and rebuilt once deleted; a host that
/// may not write, or several extending at once, answer the same.
/// </summary>
[RequiresPostgres]
public sealed class StoredTreeTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly List<byte[]> Reference = [.. Enumerable.Range(1, 70_100).Select(i => MerkleLog.LeafHash(EventHash(i)))];

    [Fact]
    public async Task AChainGrownPastAFullLevelOneTile_InSteps_HasRfc6962sRootsAndProofsAtEverySize()
    {
        await using var store = schema.NewStore();
        var random = new Random(3);
        foreach (int size in new[] { 300, 256 * 255 + 17, 65_536, 65_537, 70_100 })
        {
            await GrowAsync(store.GraphId, size);
            foreach (int treeSize in new[] { size, 1 + random.Next(size), 256, 65_536 }.Where(t => t <= size))
            {
                byte[] root = await store.GetRootHashAsync(treeSize);
                Assert.Equal(Hex(MerkleLog.RootHash(Reference, treeSize)), Hex(root));
                int index = random.Next(treeSize);
                var inclusion = await store.GetInclusionProofAsync(index, treeSize);
                Assert.True(MerkleLog.VerifyInclusion(index, treeSize, Reference[index], inclusion, root));
                int oldSize = 1 + random.Next(treeSize);
                var consistency = await store.GetConsistencyProofAsync(oldSize, treeSize);
                Assert.True(MerkleLog.VerifyConsistency(oldSize, treeSize, MerkleLog.RootHash(Reference, oldSize), root, consistency));
            }
        }

        Assert.Equal(1, await schema.ScalarAsync<int>("SELECT count(*)::int FROM {s}.log_tiles WHERE graph_id = @g AND level = 2", ("g", store.GraphId)));
    }

    [Fact]
    public async Task ManyHostsExtendingOneBacklogAtOnce_AllAnswerTheSameRoot()
    {
        var graph = Guid.NewGuid().ToString("N");
        await GrowAsync(graph, 20_000);
        var hosts = Enumerable.Range(0, 4).Select(_ => schema.NewStore(graphId: graph)).ToArray();
        try
        {
            // Staggered starts: each host extends from wherever the others have got to.
            var roots = await Task.WhenAll(hosts.Select((h, i) => h.GetRootHashAsync(5_000 * (i + 1))));

            for (int i = 0; i < hosts.Length; i++)
            {
                Assert.Equal(Hex(MerkleLog.RootHash(Reference, 5_000 * (i + 1))), Hex(roots[i]));
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TilesOfAnotherHistory_AreRefused_NotServed_AndRebuiltOnceDeleted()
    {
        await using var store = schema.NewStore();
        await GrowAsync(store.GraphId, 600);
        await store.GetRootHashAsync(600);

        // The chain restored to an earlier state without its tiles: fewer events than the tiles hold.
        await schema.ExecuteAsync($"DELETE FROM {{s}}.audit_events WHERE graph_id = '{store.GraphId}' AND position > 500; " +
            $"UPDATE {{s}}.graph_heads SET audit_position = 500 WHERE graph_id = '{store.GraphId}'");
        var behind = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.GetRootHashAsync(400));
        Assert.Equal(ErrorCodes.StoreUnavailable, behind.ErrorCode);
        Assert.Equal("log-tiles-inconsistent", behind.Details!["reason"]);
        Assert.Contains("DELETE FROM", behind.Message, StringComparison.Ordinal);

        // Rebuilt from the chain once deleted.
        await schema.ExecuteAsync($"DELETE FROM {{s}}.log_tiles WHERE graph_id = '{store.GraphId}'");
        Assert.Equal(Hex(MerkleLog.RootHash(Reference, 500)), Hex(await store.GetRootHashAsync(500)));

        // The chain's last stored event rewritten in place: the tiles no longer end with its hash.
        await schema.ExecuteAsync($"UPDATE {{s}}.audit_events SET hash = repeat('ab', 32) WHERE graph_id = '{store.GraphId}' AND position = 500");
        var rewritten = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.GetInclusionProofAsync(3, 500));
        Assert.Equal("log-tiles-inconsistent", rewritten.Details!["reason"]);
    }

    [Fact]
    public async Task AChainWithAGap_IsRefusedWithAStableReason()
    {
        await using var store = schema.NewStore();
        await GrowAsync(store.GraphId, 300);
        await schema.ExecuteAsync($"DELETE FROM {{s}}.audit_events WHERE graph_id = '{store.GraphId}' AND position = 150");

        var gap = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.GetRootHashAsync(300));
        var missing = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.GetEventHashAsync(149));

        Assert.Equal("log-tiles-inconsistent", gap.Details!["reason"]);
        Assert.Equal(ErrorCodes.StoreUnavailable, missing.ErrorCode);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetEventHashAsync(300));
    }

    [Fact]
    public async Task AHostWhoseRoleMayOnlyRead_AnswersFromTheChain_WithoutStoringTiles()
    {
        await using var store = schema.NewStore();
        await GrowAsync(store.GraphId, 70_100); // two chunks of extension, none of it stored, only the tiles the answer needs kept
        string role = "rg_reader_" + Guid.NewGuid().ToString("N")[..8];
        await schema.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'reader'; GRANT USAGE ON SCHEMA {{s}} TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA {{s}} TO {role}");
        try
        {
            var options = schema.Options(store.GraphId);
            options.ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(schema.ConnectionString) { Username = role, Password = "reader" }.ConnectionString;
            await using var reader = new PostgresGraphStore(options, schema.Signer);

            Assert.Equal(Hex(MerkleLog.RootHash(Reference, 70_100)), Hex(await reader.GetRootHashAsync(70_100)));
            var proof = await reader.GetInclusionProofAsync(12_345, 70_100);
            Assert.True(MerkleLog.VerifyInclusion(12_345, 70_100, Reference[12_345], proof, MerkleLog.RootHash(Reference, 70_100)));
            Assert.Equal(0L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.log_tiles WHERE graph_id = @g", ("g", store.GraphId)));
        }
        finally
        {
            await schema.ExecuteAsync($"REVOKE ALL ON ALL TABLES IN SCHEMA {{s}} FROM {role}; REVOKE USAGE ON SCHEMA {{s}} FROM {role}; DROP ROLE {role}");
        }
    }

    /// <summary>Makes the graph's chain <paramref name="size"/> events long (rows by SQL, continuing what is there).</summary>
    private Task GrowAsync(string graphId, int size) => schema.ExecuteAsync(
        $"INSERT INTO {{s}}.graph_heads (graph_id, audit_position) VALUES ('{graphId}', {size}) " +
        "ON CONFLICT (graph_id) DO UPDATE SET audit_position = excluded.audit_position; " +
        "INSERT INTO {s}.audit_events (graph_id, id, position, event_type, payload, hash, prev_hash, signature, signer_id, created_at, entity_id) " +
        $"SELECT '{graphId}', gen_random_uuid(), i, 'reason.node.created', '{{}}', encode(sha256(int8send(i)), 'hex'), " +
        "CASE WHEN i > 1 THEN encode(sha256(int8send(i - 1)), 'hex') END, 'x', 'test', timestamptz '2026-01-01' + i * interval '1 microsecond', gen_random_uuid() " +
        $"FROM generate_series((SELECT coalesce(max(position), 0) + 1 FROM {{s}}.audit_events WHERE graph_id = '{graphId}'), {size}) i");

    private static byte[] EventHash(long i)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, i);
        return SHA256.HashData(bytes);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
