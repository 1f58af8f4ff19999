using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Model;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// For random graphs (awkward JSON payloads, cycles, self-loops, notes on nodes and edges) a snapshot built from the
/// PostgreSQL store is byte-identical to one built from the in-memory store, and it verifies.
/// </summary>
[RequiresPostgres]
public sealed class SnapshotParityTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly DateTimeOffset Start = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);
    private static readonly LocalEd25519Signer Signer = LocalEd25519Signer.FromSeed(new byte[32], "parity");

    [Fact]
    public void RandomGraphs_SnapshotBytesAreIdenticalInMemoryAndOnPostgres_AndVerify() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed => CheckAsync(seed).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(40));

    private async Task CheckAsync(int seed)
    {
        var random = new Random(seed);
        var (batch, nodes) = RandomGraph(random);
        var roots = Enumerable.Range(0, random.Next(1, 3)).Select(_ => nodes[random.Next(nodes.Count)]).ToArray();
        var request = new SnapshotRequest
        {
            RootIds = roots,
            Depth = random.Next(0, 4),
            Audience = random.Next(2) == 0 ? SnapshotAudience.Operator : SnapshotAudience.Auditor,
            CanExportPii = true,
            SnapshotId = Guid.CreateVersion7(Start),
        };

        var time = new FakeTimeProvider(Start.AddDays(1));
        var memory = new InMemoryGraphStore(timeProvider: time);
        await memory.AppendAsync(batch);
        using var memorySnapshots = new InMemorySnapshotStore(Signer, time);
        var fromMemory = await new SnapshotService(memory, memorySnapshots, Signer, timeProvider: time).CreateAsync(request);

        await using var postgres = schema.NewStore(time, signer: Signer);
        await postgres.AppendAsync(batch);
        await new SnapshotService(postgres, postgres.Snapshots, Signer, timeProvider: time).CreateAsync(request);
        var stored = await postgres.Snapshots.GetAsync(request.SnapshotId!.Value);

        Assert.NotNull(stored);
        Assert.Equal(SnapshotStatus.Signed, stored.Status);
        Assert.Equal(fromMemory.Document.ToArray(), stored.Document.ToArray());
        Assert.Equal(fromMemory.SignedBytes.ToArray(), stored.SignedBytes.ToArray());
        var verdict = new SnapshotVerifier(SignerRegistry.For(Signer)).Verify(stored.Document.Span);
        Assert.True(verdict.IsVerified, verdict.Message);
        Assert.True((await postgres.VerifyAuditChainAsync(SignerRegistry.For(Signer))).IsValid);
    }

    private static (GraphBatch Batch, List<Guid> Nodes) RandomGraph(Random random)
    {
        var batch = new GraphBatch();
        var nodes = new List<Guid>();
        var edges = new List<Guid>();
        int n = random.Next(1, 12);
        for (int i = 0; i < n; i++)
        {
            var id = RandomId(random);
            nodes.Add(id);
            batch.Add(Node(id, payload: RandomJson.Document(random, 3), metadata: random.Next(3) == 0 ? RandomJson.Document(random, 2) : null,
                createdAt: Start.AddSeconds(random.Next(4))));
        }

        for (int i = random.Next(0, 3 * n); i > 0; i--)
        {
            var id = RandomId(random);
            edges.Add(id);
            batch.Add(Edge(nodes[random.Next(n)], nodes[random.Next(n)], id, random.Next(2) == 0 ? "causal" : "supports",
                random.Next(3) == 0 ? null : random.Next(100) / 100.0, createdAt: Start.AddSeconds(random.Next(4))));
        }

        for (int i = random.Next(0, 4); i > 0; i--)
        {
            bool onEdge = edges.Count > 0 && random.Next(2) == 0;
            var note = Note(onEdge ? edges[random.Next(edges.Count)] : nodes[random.Next(n)], RandomId(random), payload: RandomJson.Document(random, 2),
                targetType: onEdge ? AnnotationTargetType.Edge : AnnotationTargetType.Node);
            batch.Add(note with { CreatedAt = Start.AddSeconds(5) });
        }

        return (batch, nodes);
    }

    private static Guid RandomId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
