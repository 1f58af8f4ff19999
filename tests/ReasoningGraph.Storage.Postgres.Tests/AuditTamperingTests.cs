using ReasoningGraph.Audit;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// A chain in the real <c>audit_events</c> table (item and snapshot events) tampered with in SQL — one altered payload,
/// a removed row, reordered timestamps — is reported with the first bad event.
/// </summary>
[RequiresPostgres]
public sealed class AuditTamperingTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private async Task<(PostgresGraphStore Store, List<Guid> Events)> ChainAsync()
    {
        var store = schema.NewStore();
        await store.AppendAsync([Node(Id(1))]);
        await store.AppendAsync([Node(Id(2)), Edge(Id(1), Id(2), Id(12))]);
        await new SnapshotService(store, store.Snapshots, schema.Signer).CreateAsync(new SnapshotRequest { RootIds = [Id(2)] });
        await store.AppendAsync([Node(Id(3))]);
        await store.AppendAsync([Note(Id(3), Id(30))]);
        var events = new List<Guid>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            events.Add(e.Id);
        }

        Assert.Equal(6, events.Count);
        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
        return (store, events);
    }

    [Theory]
    [InlineData("payload", AuditChainFailures.HashMismatch, 3)]
    [InlineData("remove", AuditChainFailures.BrokenLink, 3)]
    [InlineData("reorder", AuditChainFailures.BrokenLink, 3)]
    public async Task TamperedChain_ReportsTheFirstBadEvent(string tamper, string reason, int index)
    {
        var (store, events) = await ChainAsync();
        await using var disposeStore = store;
        var g = ("g", (object)store.GraphId);
        switch (tamper)
        {
            case "payload": // the snapshot event's actor is changed
                await Execute("UPDATE {s}.audit_events SET payload = jsonb_set(payload, '{actor}', '\"mallory\"') WHERE id = @id", ("id", events[3]), g);
                break;
            case "remove": // the snapshot event disappears: the next event no longer links
                await Execute("DELETE FROM {s}.audit_events WHERE id = @id", ("id", events[3]), g);
                break;
            default: // events 3 and 4 swap times, so the verifier meets 4 before 3
                await Execute("UPDATE {s}.audit_events SET created_at = created_at - interval '1 year' WHERE id = @id", ("id", events[3]), g);
                await Execute(
                    "UPDATE {s}.audit_events SET created_at = (SELECT created_at + interval '1 year' FROM {s}.audit_events WHERE id = @other) - interval '1 microsecond' WHERE id = @id",
                    ("id", events[4]), ("other", events[3]));
                await Execute(
                    "UPDATE {s}.audit_events SET created_at = (SELECT created_at FROM {s}.audit_events WHERE id = @other) + interval '1 microsecond' WHERE id = @id",
                    ("id", events[3]), ("other", events[4]));
                break;
        }

        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.False(verdict.IsValid);
        Assert.Equal(reason, verdict.FailureReason);
        Assert.Equal(index, verdict.FailedIndex);
        Assert.Equal(tamper == "payload" ? events[3] : events[4], verdict.FailedEventId);
    }

    private async Task Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = schema.DataSource.CreateCommand(sql.Replace("{s}", "\"" + schema.Name + "\"", StringComparison.Ordinal));
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
