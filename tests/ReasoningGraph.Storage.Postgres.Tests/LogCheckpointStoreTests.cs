using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Stored checkpoints on PostgreSQL (<see cref="ICheckpointStore"/>): each is one <c>log_checkpoints</c> row and one
/// audit event appended after the events it covers, whose entity hash is the SHA-256 of the signed note; one per size
/// whatever the number of hosts storing it at once; a checkpoint of another history, or of events the chain does not
/// hold, is refused and changes nothing.
/// </summary>
[RequiresPostgres]
public sealed class LogCheckpointStoreTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private const string Note = "reasoning-graph/test\n3\nAAAA\n\n\u2014 test-signer AAAA\n";

    [Fact]
    public async Task StoringACheckpoint_AppendsItsOwnEventAfterTheEventsItCovers_AndOncePerSize()
    {
        var store = schema.NewStore();
        await store.AppendAsync([Node(Id(1)), Node(Id(2)), Node(Id(3))]);
        var events = await EventsAsync(store);
        Assert.Equal(3L, await store.CountAuditEventsAsync());
        Assert.Null(await store.GetLatestCheckpointAsync());

        var stored = await store.StoreCheckpointAsync(3, events[2].Hash, Note, "reasoning-graph");

        Assert.NotNull(stored);
        Assert.Equal(3L, stored.TreeSize);
        events = await EventsAsync(store);
        Assert.Equal(4, events.Count);
        var recorded = events[3];
        Assert.Equal(AuditEventTypes.CheckpointStored, recorded.EventType);
        Assert.Equal(stored.AuditEventId, recorded.Id);
        using (var payload = System.Text.Json.JsonDocument.Parse(recorded.Payload))
        {
            Assert.Equal(stored.Id.ToString(), payload.RootElement.GetProperty("entityId").GetString());
            Assert.Equal(StoredCheckpoint.EntityHash(Note), payload.RootElement.GetProperty("entityHash").GetString());
        }

        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
        Assert.Equal(4L, await store.CountAuditEventsAsync());
        Assert.Equal(Note, (await store.GetLatestCheckpointAsync())!.SignedNote);

        // The same size again, or a smaller one: nothing written.
        Assert.Null(await store.StoreCheckpointAsync(3, events[2].Hash, Note, "reasoning-graph"));
        Assert.Null(await store.StoreCheckpointAsync(2, events[1].Hash, Note, "reasoning-graph"));
        Assert.Equal(4L, await store.CountAuditEventsAsync());
        Assert.Equal(1L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.log_checkpoints WHERE graph_id = @g", ("g", store.GraphId)));
    }

    [Fact]
    public async Task ManyHostsStoringOneCheckpointAtOnce_StoreItOnce()
    {
        var graph = Guid.NewGuid().ToString("N");
        var hosts = Enumerable.Range(0, 6).Select(_ => schema.NewStore(graphId: graph)).ToArray();
        await hosts[0].AppendAsync([Node(Id(1)), Node(Id(2))]);
        string last = (await EventsAsync(hosts[0]))[1].Hash;

        var results = await Task.WhenAll(hosts.Select(h => h.StoreCheckpointAsync(2, last, Note, "reasoning-graph")));

        Assert.Single(results, r => r is not null);
        Assert.Equal(3, (await EventsAsync(hosts[1])).Count);
        Assert.True((await hosts[2].VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task ACheckpointOfAnotherHistory_OrBeyondTheChain_IsRefusedAndChangesNothing()
    {
        var store = schema.NewStore();
        await store.AppendAsync([Node(Id(1)), Node(Id(2))]);
        var events = await EventsAsync(store);

        var other = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.StoreCheckpointAsync(2, events[0].Hash, Note, "reasoning-graph"));
        Assert.Equal(ErrorCodes.InvalidPayload, other.ErrorCode);
        Assert.Equal("checkpoint-mismatch", other.Details["reason"]);
        var beyond = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.StoreCheckpointAsync(3, events[1].Hash, Note, "reasoning-graph"));
        Assert.Equal(ErrorCodes.InvalidPayload, beyond.ErrorCode);

        Assert.Equal(2L, await store.CountAuditEventsAsync());
        Assert.Null(await store.GetLatestCheckpointAsync());
    }

    private static async Task<List<AuditEvent>> EventsAsync(PostgresGraphStore store)
    {
        var events = new List<AuditEvent>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            events.Add(e);
        }

        return events;
    }
}
