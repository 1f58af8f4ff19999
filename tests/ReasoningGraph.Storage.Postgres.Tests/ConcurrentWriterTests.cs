using Npgsql;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>Many writers on separate connection pools (as separate processes would be) keep seq and the audit chain linear.</summary>
[RequiresPostgres]
public sealed class ConcurrentWriterTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private const int Writers = 16;
    private const int WritesPerWriter = 500;

    [Fact]
    public async Task SixteenWritersTimesFiveHundredWrites_KeepSeqGapFreeAndTheAuditChainLinearAndValid()
    {
        string graph = Guid.NewGuid().ToString("N");
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            // Each writer has its own pool, so the server sees independent sessions, as with separate processes.
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(schema.ConnectionString) { MaxPoolSize = 2 }.ConnectionString);
            var store = new PostgresGraphStore(dataSource, schema.Options(graph), schema.Signer);
            var seqs = new List<long>();
            Guid? previous = null;
            for (int i = 0; i < WritesPerWriter; i++)
            {
                var node = Guid.CreateVersion7();
                var batch = new GraphBatch { Node(node, author: $"agent:{w}") };
                if (previous is { } from && i % 5 == 0)
                {
                    batch.Add(Edge(from, node));
                    batch.Add(Note(node));
                }

                var result = await store.AppendAsync(batch);
                seqs.AddRange(result.Created.Select(c => c.Seq));
                previous = node;
            }

            return seqs;
        })).ToList();
        var perWriter = await Task.WhenAll(writers);

        foreach (var seqs in perWriter)
        {
            Assert.Equal(seqs.Order(), seqs); // a writer's later commit never gets a smaller seq
        }

        var all = perWriter.SelectMany(s => s).ToList();
        var store = schema.NewStore(graphId: graph);
        long max = await store.GetMaxSeqAsync();
        Assert.Equal(all.Count, max);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Order()); // gap-free, no duplicates
        var items = new List<GraphItem>();
        await foreach (var item in store.ReadAllAsync(0, max))
        {
            items.Add(item);
        }

        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), items.Select(i => i.Seq));

        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, $"{verdict.FailureReason} at {verdict.FailedIndex}: {verdict.Message}");
        Assert.Equal(all.Count, verdict.VerifiedCount);

        // The chain follows seq: event n records the item with seq n (commit order is the chain order).
        var entities = new List<Guid>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            using var payload = System.Text.Json.JsonDocument.Parse(e.Payload);
            entities.Add(payload.RootElement.GetProperty("entityId").GetGuid());
        }

        Assert.Equal(items.Select(i => i.Id), entities);
        Assert.Equal((long)all.Count, await schema.ScalarAsync<long>("SELECT max(position) FROM {s}.audit_events WHERE graph_id = @g", ("g", graph)));
    }
}
