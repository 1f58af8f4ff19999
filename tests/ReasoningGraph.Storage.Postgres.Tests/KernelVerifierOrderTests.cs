using System.Text;
using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// The chain written by concurrent writers verifies when read the way the Kernel's tools read <c>audit_events</c>:
/// its Go verifier orders by <c>ts</c> (migration 0006), its Node tool by <c>created_at</c>; both give the chain order.
/// </summary>
[RequiresPostgres]
public sealed class KernelVerifierOrderTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task ChainOfConcurrentWrites_VerifiesOrderedByTsAndByCreatedAt()
    {
        var store = schema.NewStore(graphId: "kernel-order");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            for (int i = 0; i < 10; i++)
            {
                await store.AppendAsync(new GraphBatch { Node(Id((writer * 100) + i + 1)) });
            }
        }));

        Assert.Equal(0L, await schema.ScalarAsync<long>(
            $"SELECT count(*) FROM \"{schema.Name}\".audit_events WHERE graph_id = 'kernel-order' AND ts IS DISTINCT FROM created_at"));
        foreach (string order in (string[])["ts", "created_at"])
        {
            var events = await ReadAsync(order);
            Assert.Equal(80, events.Count);
            var verdict = await new AuditChainVerifier(schema.Verifier).VerifyAsync(events.ToAsyncEnumerable());
            Assert.True(verdict.IsValid, $"ordered by {order}: {verdict.FailureReason} at {verdict.FailedEventId}: {verdict.Message}");
        }
    }

    /// <summary>The graph's events in the order of <paramref name="column"/>, as a tool that knows no position reads them.</summary>
    private async Task<List<AuditEvent>> ReadAsync(string column)
    {
        await using var command = schema.DataSource.CreateCommand(
            $"SELECT id, event_type, payload::text, hash, prev_hash, signature, signer_id, created_at FROM \"{schema.Name}\".audit_events " +
            $"WHERE graph_id = 'kernel-order' ORDER BY {column}");
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync())
        {
            events.Add(new AuditEvent
            {
                Id = reader.GetGuid(0), EventType = reader.GetString(1), Payload = Encoding.UTF8.GetBytes(reader.GetString(2)),
                Hash = reader.GetString(3), PrevHash = reader.IsDBNull(4) ? null : reader.GetString(4), Signature = reader.GetString(5),
                SignerId = reader.GetString(6), CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
            });
        }

        return events;
    }
}
