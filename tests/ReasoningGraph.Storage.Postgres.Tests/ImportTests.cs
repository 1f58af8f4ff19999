using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>Bulk import through binary COPY: same rules as appends, atomic, audited.</summary>
[RequiresPostgres]
public sealed class ImportTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly DateTimeOffset Carried = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private PostgresGraphStore Store(int chunkSize, string? graph = null)
    {
        var options = schema.Options(graph);
        options.ImportChunkSize = chunkSize;
        return new PostgresGraphStore(schema.DataSource, options, schema.Signer);
    }

    /// <summary>A chain 1→2→…→n of nodes carrying times, each edge also annotated.</summary>
    private static async IAsyncEnumerable<GraphItemInput> ChainAsync(int nodes, int from = 1)
    {
        for (int i = from; i < from + nodes; i++)
        {
            await Task.Yield();
            yield return Node(Id(i), payload: $"{{\"n\":{i}}}", createdAt: Carried.AddSeconds(i));
            if (i > from)
            {
                yield return Edge(Id(i - 1), Id(i), Id(1_000_000 + i), createdAt: Carried.AddSeconds(i));
                yield return new AnnotationInput
                {
                    Id = Id(2_000_000 + i), TargetId = Id(1_000_000 + i), TargetType = AnnotationTargetType.Edge, AnnotationType = "note",
                    Author = "agent:importer", Payload = Json("{}"), CreatedAt = Carried.AddSeconds(i),
                };
            }
        }
    }

    [Fact]
    public async Task Import_WritesEveryItemInOrderWithItsAuditEvent_AcrossChunkBoundaries()
    {
        var store = Store(chunkSize: 1000);
        await store.AppendAsync(new GraphBatch { Node(Id(99_999_999)) });
        var result = await store.ImportAsync(ChainAsync(3000));
        Assert.Equal(3000 + (2 * 2999), result.Created);
        Assert.Equal(0, result.Replayed);
        Assert.Equal(1 + result.Created, result.MaxSeq);
        Assert.Equal(result.MaxSeq, await store.GetMaxSeqAsync());

        var items = new List<GraphItem>();
        await foreach (var item in store.ReadAllAsync(1, long.MaxValue))
        {
            items.Add(item);
        }

        var expected = new List<Guid>();
        await foreach (var input in ChainAsync(3000))
        {
            expected.Add(input.Id!.Value);
        }

        Assert.Equal(expected, items.Select(i => i.Id));
        Assert.Equal(Carried.AddSeconds(2500), items.Single(i => i.Id == Id(2500)).CreatedAt);
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(result.MaxSeq, verdict.VerifiedCount);
    }

    [Fact]
    public async Task Import_ReplaysAreSkippedAndNewItemsMayReferenceStoredOnes()
    {
        var store = Store(chunkSize: 7);
        await store.ImportAsync(ChainAsync(10));
        long before = await store.GetMaxSeqAsync();
        var again = await store.ImportAsync(ChainAsync(15)); // 1..10 repeat exactly, 11..15 extend the chain from node 10
        Assert.Equal(5 + (2 * 5), again.Created);
        Assert.Equal(10 + (2 * 9), again.Replayed);
        Assert.Equal(before + again.Created, again.MaxSeq);
        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task Import_ConflictInALaterChunk_WritesNothingAndNamesThePosition()
    {
        var store = Store(chunkSize: 100);
        await store.AppendAsync(new GraphBatch { Node(Id(250), payload: "{\"different\":true}") });
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.ImportAsync(ChainAsync(300)));
        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
        Assert.Equal("745", error.Details["index"]); // node 250 is the 746th input: 1 + 248 × (node, edge, note)
        Assert.Equal(1, await store.GetMaxSeqAsync());
        Assert.Empty(await store.GetItemsAsync([Id(1), Id(100)], long.MaxValue));
        Assert.Equal(1L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g", ("g", store.GraphId)));
    }

    [Fact]
    public async Task Import_DanglingReference_IsNotFound()
    {
        var store = Store(chunkSize: 100);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.ImportAsync(One(Edge(Id(1), Id(2), Id(3)))));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
        Assert.Equal("from", error.Details["field"]);
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task AppendDuringAnImport_IsSerializedBeforeOrAfterIt_AndTheChainStaysLinear()
    {
        var graph = Guid.NewGuid().ToString("N");
        var importer = Store(chunkSize: 500, graph);
        var writer = schema.NewStore(graphId: graph);
        var import = importer.ImportAsync(ChainAsync(2000));
        await Task.Delay(100);
        var append = writer.AppendAsync(new GraphBatch { Node(Id(5_000_000)) });
        var imported = await import;
        var appended = Assert.Single((await append).Created);
        long max = await writer.GetMaxSeqAsync();
        Assert.Equal(imported.Created + 1, max);
        Assert.Contains(appended.Seq, new[] { 1L, max });
        var verdict = await writer.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(imported.MaxSeq + 1, verdict.VerifiedCount);
    }

    private static async IAsyncEnumerable<GraphItemInput> One(GraphItemInput input)
    {
        await Task.Yield();
        yield return input;
    }
}
