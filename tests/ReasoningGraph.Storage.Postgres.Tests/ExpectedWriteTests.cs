using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// The expected write (one round trip on the head and items a store already knows) decides every write exactly as
/// the locked write does, whoever else writes the graph: several stores on one graph stand for several hosts.
/// </summary>
[RequiresPostgres]
public sealed class ExpectedWriteTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task SequentialWrites_OfOneStore_AreOneRoundTripEach_AfterTheFirst()
    {
        var store = schema.NewStore();
        var first = Guid.CreateVersion7();
        int firstTrips;
        using (var counter = new CommandCounter())
        {
            await store.AppendAsync([Node(first)]);
            firstTrips = counter.Commands.Count;
        }

        var previous = first;
        for (int i = 0; i < 5; i++)
        {
            var next = Guid.CreateVersion7();
            using var counter = new CommandCounter();
            var result = await store.AppendAsync([Node(next), Edge(previous, next)]);
            Assert.Equal(2, result.Created.Count);
            Assert.Single(counter.Commands);
            previous = next;
        }

        Assert.True(firstTrips >= 2, $"the first write locks the head and looks up first ({firstTrips} commands)");
        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task AnotherWriterMovedTheHead_TheWriteStillLands_WithTheChainWhole()
    {
        string graph = Guid.NewGuid().ToString("N");
        var a = schema.NewStore(graphId: graph);
        var b = schema.NewStore(graphId: graph);
        var ids = new List<Guid>();
        for (int i = 0; i < 12; i++)
        {
            var store = i % 3 == 2 ? b : a; // a, a, b, a, a, b: a's head is stale after every b
            var id = Guid.CreateVersion7();
            var batch = new GraphBatch { Node(id) };
            if (ids.Count > 0)
            {
                batch.Add(Edge(ids[^1], id));
            }

            var result = await store.AppendAsync(batch);
            Assert.Equal(batch.Count, result.Created.Count);
            ids.Add(id);
        }

        Assert.Equal(23, await a.GetMaxSeqAsync());
        var verdict = await a.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(23, verdict.VerifiedCount);
    }

    [Fact]
    public async Task AnIdStoredByAnotherWriter_IsAReplay_OrAConflictWhenItIsAnotherKind()
    {
        string graph = Guid.NewGuid().ToString("N");
        var a = schema.NewStore(graphId: graph);
        var b = schema.NewStore(graphId: graph);
        var shared = Guid.CreateVersion7();
        await b.AppendAsync([Node(Guid.CreateVersion7())]); // b knows the head...
        await a.AppendAsync([Node(shared, payload: """{"v":1}""")]); // ...then a moves it and stores `shared`
        await b.AppendAsync([Node(Guid.CreateVersion7())]); // b learns the new head, not `shared`

        var replay = await b.AppendAsync([Node(shared, payload: """{"v":1}""")]);
        Assert.Empty(replay.Created);
        Assert.Equal(shared, Assert.Single(replay.Items).Id);

        var other = Guid.CreateVersion7();
        await b.AppendAsync([Node(other)]);
        var conflict = await Assert.ThrowsAsync<ReasoningGraphException>(() => b.AppendAsync([Edge(other, other, id: shared)]));
        Assert.Equal(ErrorCodes.Conflict, conflict.ErrorCode);
        Assert.Equal(4, await b.GetMaxSeqAsync());
        Assert.True((await b.VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task DatabaseRestoredToAnEarlierPoint_UnderARunningStore_GetsNoGapInItsChain()
    {
        string graph = Guid.NewGuid().ToString("N");
        var store = schema.NewStore(graphId: graph);
        for (int i = 0; i < 3; i++)
        {
            await store.AppendAsync([Node(Guid.CreateVersion7())]);
        }

        await RestoreToBeforeTheThirdWriteAsync(graph);

        await store.AppendAsync([Node(Guid.CreateVersion7())]);
        Assert.Equal(3, await store.GetMaxSeqAsync());
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(3, verdict.VerifiedCount);
    }

    [Fact]
    public async Task DatabaseRestoredAndWrittenBackToTheSameSeq_ByAnotherWriter_GetsNoForkInItsChain()
    {
        string graph = Guid.NewGuid().ToString("N");
        var store = schema.NewStore(graphId: graph);
        var other = schema.NewStore(graphId: graph);
        for (int i = 0; i < 3; i++)
        {
            await store.AppendAsync([Node(Guid.CreateVersion7())]);
        }

        // Restored to before the third write, then another host writes one item: the head is at seq 3 and position 3
        // again, on another history; `store` still remembers the lost third event's hash.
        await RestoreToBeforeTheThirdWriteAsync(graph);
        await other.AppendAsync([Node(Guid.CreateVersion7())]);

        await store.AppendAsync([Node(Guid.CreateVersion7())]);
        Assert.Equal(4, await store.GetMaxSeqAsync());
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(4, verdict.VerifiedCount);
    }

    [Fact]
    public async Task DatabaseRestoredToBeforeTheGraphExisted_UnderARunningStore_StartsItsChainAfresh()
    {
        string graph = Guid.NewGuid().ToString("N");
        var store = schema.NewStore(graphId: graph);
        for (int i = 0; i < 3; i++)
        {
            await store.AppendAsync([Node(Guid.CreateVersion7())]);
        }

        // No head row, no items, no events: the store's remembered head (seq 3, position 3) names a chain that is gone.
        await schema.ExecuteAsync(
            $"DELETE FROM {{s}}.nodes WHERE graph_id = '{graph}'; DELETE FROM {{s}}.audit_events WHERE graph_id = '{graph}'; " +
            $"DELETE FROM {{s}}.graph_heads WHERE graph_id = '{graph}'");

        await store.AppendAsync([Node(Guid.CreateVersion7())]);
        Assert.Equal(1, await store.GetMaxSeqAsync());
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(1, verdict.VerifiedCount);
    }

    /// <summary>What a point-in-time restore to before a graph's third write leaves: two items, two events, the head at 2.</summary>
    private Task RestoreToBeforeTheThirdWriteAsync(string graph) => schema.ExecuteAsync(
        $"DELETE FROM {{s}}.nodes WHERE graph_id = '{graph}' AND seq = 3; DELETE FROM {{s}}.audit_events WHERE graph_id = '{graph}' AND position = 3; " +
        $"UPDATE {{s}}.graph_heads h SET max_seq = 2, audit_position = 2, audit_hash = e.hash, audit_created_at = e.created_at FROM {{s}}.audit_events e " +
        $"WHERE h.graph_id = '{graph}' AND e.graph_id = h.graph_id AND e.position = 2");

    /// <summary>
    /// Random writes from three stores on one graph (new nodes, edges to nodes another store wrote, exact replays,
    /// reused ids) give, write by write, the in-memory store's results or errors, and a chain that verifies.
    /// </summary>
    [Fact]
    public void RandomWritesFromThreeStores_MatchOneInMemoryStore() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed => CheckAsync(seed).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(15));

    private async Task CheckAsync(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var reference = new InMemoryGraphStore(timeProvider: time);
        string graph = Guid.NewGuid().ToString("N");
        var stores = Enumerable.Range(0, 3).Select(_ => schema.NewStore(time, graph)).ToArray();
        var written = new List<GraphItemInput>();
        for (int step = 0; step < 30; step++)
        {
            var batch = RandomBatch(random, written);
            var store = stores[random.Next(stores.Length)];
            var (expected, expectedError) = await OutcomeAsync(reference, batch);
            var (actual, actualError) = await OutcomeAsync(store, batch);
            Assert.Equal(expectedError, actualError);
            Assert.Equal(expected, actual);
            if (expectedError is null)
            {
                written.AddRange(batch);
            }

            time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 50)));
        }

        var verdict = await stores[0].VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(await reference.GetMaxSeqAsync(), verdict.VerifiedCount);
    }

    private static GraphBatch RandomBatch(Random random, List<GraphItemInput> written)
    {
        var nodes = written.OfType<NodeInput>().Select(n => n.Id!.Value).ToList();
        var batch = new GraphBatch();
        switch (random.Next(nodes.Count == 0 ? 1 : 5))
        {
            case 0 or 1: // new nodes, chained to a written one
                var id = Guid.CreateVersion7();
                batch.Add(Node(id, payload: $$"""{"n":{{random.Next(1000)}}}"""));
                if (nodes.Count > 0)
                {
                    batch.Add(Edge(nodes[random.Next(nodes.Count)], id));
                }

                break;
            case 2: // an exact replay of a written item
                batch.Add(written[random.Next(written.Count)]);
                break;
            case 3: // a written node's id with other content, or as an edge's id
                var taken = nodes[random.Next(nodes.Count)];
                batch.Add(random.Next(2) == 0 ? Node(taken, payload: """{"other":true}""") : Edge(nodes[0], nodes[^1], id: taken));
                break;
            default: // an edge between written nodes
                batch.Add(Edge(nodes[random.Next(nodes.Count)], nodes[random.Next(nodes.Count)], Guid.CreateVersion7()));
                break;
        }

        return batch;
    }

    private static async Task<(List<string> Items, string? Error)> OutcomeAsync(IReasoningGraphStore store, GraphBatch batch)
    {
        try
        {
            var result = await store.AppendAsync(batch);
            return ([.. result.Items.Select(i => $"{i.Seq} {ToJson(i)}"), .. result.Created.Select(i => "created " + i.Id)], null);
        }
        catch (ReasoningGraphException e)
        {
            return ([], e.ErrorCode);
        }
    }
}
