using System.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Group commit: concurrent appends on one store are committed together, yet each caller gets its own result or error,
/// and seq and the audit chain stay gap-free and linear.
/// </summary>
[RequiresPostgres]
public sealed class GroupCommitTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task TwoHundredConcurrentSingleWrites_AreGroupedAndAllCommitted_ChainVerifies()
    {
        var store = schema.NewStore();
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7()).ToList();

        var results = await Task.WhenAll(ids.Select(id => store.AppendAsync(new GraphBatch { Node(id) })));

        Assert.Equal(ids, results.Select(r => r.Created.Single().Id));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Select(r => r.Created[0].Seq)); // arrival order
        // Items of one transaction share its store time: fewer distinct times than writes means writes were grouped.
        Assert.True(results.Select(r => r.Created[0].CreatedAt).Distinct().Count() < 20);
        await AssertLinearAsync(store, 200);
    }

    [Fact]
    public async Task AnAppendCancelledWhileQueued_EndsAtOnce_AndIsNeverWritten()
    {
        string graph = Guid.NewGuid().ToString("N");
        var store = schema.NewStore(graphId: graph);
        await store.AppendAsync(new GraphBatch { Node(Guid.CreateVersion7()) }); // the head row exists

        // Another session holds the graph head, so the next commit blocks and the append after it waits in the queue.
        await using var blocker = await schema.DataSource.OpenConnectionAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockHead = new Npgsql.NpgsqlCommand($"SELECT 1 FROM \"{schema.Name}\".graph_heads WHERE graph_id = '{graph}' FOR UPDATE", blocker, hold))
        {
            await lockHead.ExecuteNonQueryAsync();
        }

        var blocked = store.AppendAsync(new GraphBatch { Node(Guid.CreateVersion7()) });
        await Task.Delay(200);
        var queuedId = Guid.CreateVersion7();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var queued = store.AppendAsync(new GraphBatch { Node(queuedId) }, timeout.Token);

        // Without the cancellation reaching the queue it would wait for the blocked group: bounded, not a hang.
        Assert.Same(queued, await Task.WhenAny(queued, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.True(queued.IsCanceled, $"the queued append ended {queued.Status}, not cancelled");
        Assert.False(blocked.IsCompleted);

        await hold.RollbackAsync();
        await blocked;
        Assert.Equal(2, await store.GetMaxSeqAsync());
        Assert.Empty(await store.GetItemsAsync([queuedId], long.MaxValue));
        await AssertLinearAsync(store, 2);
    }

    [Fact]
    public async Task GroupedWrites_EachAuditEventCarriesTheTraceIdOfTheRequestThatWroteIt()
    {
        var store = schema.NewStore();
        var traced = Enumerable.Range(0, 60).Select(_ => (Id: Guid.CreateVersion7(), Trace: ActivityTraceId.CreateRandom().ToHexString())).ToList();

        // Every write starts inside its own W3C activity (as each HTTP request does) and they are grouped, so the group
        // is committed in one caller's context: the others' trace ids must still be their own.
        await Task.WhenAll(traced.Select(t =>
        {
            using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).SetParentId($"00-{t.Trace}-00f067aa0ba902b7-01").Start();
            return store.AppendAsync(new GraphBatch { Node(t.Id) });
        }));

        var traceOf = new Dictionary<Guid, string>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            using var payload = System.Text.Json.JsonDocument.Parse(e.Payload);
            traceOf[payload.RootElement.GetProperty("entityId").GetGuid()] = payload.RootElement.GetProperty("traceId").GetString()!;
        }

        Assert.All(traced, t => Assert.Equal(t.Trace, traceOf[t.Id]));
    }

    [Fact]
    public async Task BadWritesInAGroup_FailAlone_TheOthersCommit()
    {
        var store = schema.NewStore();
        await store.AppendAsync(new GraphBatch { Node(Id(1), payload: """{"v":1}""") });
        var good = Enumerable.Range(0, 40).Select(_ => Guid.CreateVersion7()).ToList();

        var writes = new List<Task<AppendResult>>();
        writes.AddRange(good.Take(20).Select(id => store.AppendAsync(new GraphBatch { Node(id) })));
        var conflict = store.AppendAsync(new GraphBatch { Node(Id(1), payload: """{"v":2}""") });
        var dangling = store.AppendAsync(new GraphBatch { Node(Id(2)), Edge(Id(99), Id(2), Id(3)) });
        writes.AddRange(good.Skip(20).Select(id => store.AppendAsync(new GraphBatch { Node(id) })));

        var results = await Task.WhenAll(writes);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<ReasoningGraphException>(() => conflict)).ErrorCode);
        var notFound = await Assert.ThrowsAsync<ReasoningGraphException>(() => dangling);
        Assert.Equal(ErrorCodes.NotFound, notFound.ErrorCode);
        Assert.Equal("1", notFound.Details!["index"]); // positions are the caller's own batch, not the group's

        Assert.Equal(good, results.Select(r => r.Created.Single().Id));
        Assert.Empty(await store.GetItemsAsync([Id(2), Id(3)], long.MaxValue)); // nothing of the failed batch
        Assert.Equal("""{"v":1}""", ((ReasoningNode)(await store.GetItemsAsync([Id(1)], long.MaxValue)).Single()).Payload.GetRawText());
        await AssertLinearAsync(store, 41);
    }

    [Fact]
    public async Task WithinAGroup_LaterAppendsSeeEarlierOnes_ReplaysAndReferences()
    {
        var store = schema.NewStore();
        var blocker = store.AppendAsync(new GraphBatch { Node(Id(10)) }); // keeps the next appends queued together

        var first = store.AppendAsync(new GraphBatch { Node(Id(1)) });
        var replay = store.AppendAsync(new GraphBatch { Node(Id(1)) });
        var edge = store.AppendAsync(new GraphBatch { Node(Id(2)), Edge(Id(1), Id(2), Id(3)) });
        await Task.WhenAll(blocker, first, replay, edge);

        Assert.Single((await first).Created);
        Assert.Empty((await replay).Created); // an idempotent replay of the write just before it
        Assert.Equal((await first).Items[0].Seq, (await replay).Items[0].Seq);
        Assert.Equal(2, (await edge).Created.Count);
        await AssertLinearAsync(store, 4);
    }

    [Fact]
    public async Task WithinAGroup_AFailedAppendsItems_AreNotSeenByLaterAppends()
    {
        var store = schema.NewStore();
        var blocker = store.AppendAsync(new GraphBatch { Node(Id(10)) }); // keeps the next appends queued together

        var failed = store.AppendAsync(new GraphBatch { Node(Id(2)), Edge(Id(99), Id(2), Id(3)) });
        var later = store.AppendAsync(new GraphBatch { Node(Id(4)), Edge(Id(2), Id(4), Id(5)) });
        var sameId = store.AppendAsync(new GraphBatch { Node(Id(2), type: "decision") });
        await blocker;

        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<ReasoningGraphException>(() => failed)).ErrorCode);
        var notFound = await Assert.ThrowsAsync<ReasoningGraphException>(() => later);
        Assert.Equal(("from", "1"), (notFound.Details["field"], notFound.Details["index"]));
        Assert.Single((await sameId).Created); // a new node: the failed append's node with this id was never planned
        await AssertLinearAsync(store, 2);
    }

    [Fact]
    public async Task WhenTheGroupTransactionFails_EachAppendIsRetriedAlone_AndOnlyTheBadOneFails()
    {
        // A trigger the planner cannot foresee rejects one marked node: the group's transaction fails as a whole.
        await schema.ExecuteAsync(
            "CREATE OR REPLACE FUNCTION {s}.reject_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
            "IF NEW.type = 'poison' THEN RAISE EXCEPTION 'poisoned write'; END IF; RETURN NEW; END $$; " +
            "CREATE TRIGGER reject_poison BEFORE INSERT ON {s}.nodes FOR EACH ROW EXECUTE FUNCTION {s}.reject_poison()");
        try
        {
            var store = schema.NewStore();
            var good = Enumerable.Range(0, 30).Select(_ => Guid.CreateVersion7()).ToList();
            var writes = good.Take(15).Select(id => store.AppendAsync(new GraphBatch { Node(id) })).ToList();
            var poison = store.AppendAsync(new GraphBatch { Node(Guid.CreateVersion7(), type: "poison") });
            writes.AddRange(good.Skip(15).Select(id => store.AppendAsync(new GraphBatch { Node(id) })));

            var results = await Task.WhenAll(writes);
            await Assert.ThrowsAsync<ReasoningGraphException>(() => poison);

            Assert.Equal(good, results.Select(r => r.Created.Single().Id));
            await AssertLinearAsync(store, 30);
        }
        finally
        {
            await schema.ExecuteAsync("DROP TRIGGER reject_poison ON {s}.nodes");
        }
    }

    [Fact]
    public async Task GroupCommitOff_EveryAppendIsItsOwnTransaction()
    {
        var options = schema.Options();
        options.GroupCommitMaxItems = 0;
        var store = new PostgresGraphStore(schema.DataSource, options, schema.Signer);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.AppendAsync(new GraphBatch { Node(Guid.CreateVersion7()) })));

        Assert.Equal(20, results.Select(r => r.Created[0].CreatedAt).Distinct().Count());
        await AssertLinearAsync(store, 20);
    }

    /// <summary>Seq 1..count without gaps, and the audit chain valid with event n recording the item of seq n.</summary>
    private async Task AssertLinearAsync(PostgresGraphStore store, int count)
    {
        Assert.Equal(count, await store.GetMaxSeqAsync());
        var items = new List<GraphItem>();
        await foreach (var item in store.ReadAllAsync(0, count))
        {
            items.Add(item);
        }

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), items.Select(i => i.Seq));
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, $"{verdict.FailureReason} at {verdict.FailedIndex}: {verdict.Message}");
        Assert.Equal(count, verdict.VerifiedCount);
        var entities = new List<Guid>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            using var payload = System.Text.Json.JsonDocument.Parse(e.Payload);
            entities.Add(payload.RootElement.GetProperty("entityId").GetGuid());
        }

        Assert.Equal(items.Select(i => i.Id), entities);
    }
}
