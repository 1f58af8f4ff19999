using System.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Storage.Writing;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>The store's write span: name, tags and tag value types, for an append and for an import.</summary>
[RequiresPostgres]
public sealed class WriteSpanTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task AppendAndImport_EmitTheWriteSpanWithItsTags()
    {
        using var spans = new SpanRecorder();
        var options = schema.Options();
        options.GroupCommitMaxItems = 0; // every append in its own transaction, in the caller's flow
        var store = new PostgresGraphStore(schema.DataSource, options, schema.Signer);
        await store.AppendAsync(new GraphBatch { Node(Id(1)) });

        await store.AppendAsync(new GraphBatch { Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(2)) });
        await store.ImportAsync(Inputs(Node(Id(2)), Node(Id(3))));

        var mine = spans.Children.Where(s => s.OperationName == StoreWriteSpan.Name).ToList();

        Assert.Equal(3, mine.Count);
        Assert.Equal(
            [("reasoning_graph.store", (object?)"PostgresGraphStore"), ("reasoning_graph.batch_size", 3), ("reasoning_graph.created", 2)],
            mine[1].TagObjects.Select(t => (t.Key, t.Value)));
        Assert.Equal(
            [("reasoning_graph.store", (object?)"PostgresGraphStore"), ("reasoning_graph.batch_size", 0), ("reasoning_graph.created", 1L)],
            mine[2].TagObjects.Select(t => (t.Key, t.Value)));
    }

    private static async IAsyncEnumerable<GraphItemInput> Inputs(params GraphItemInput[] inputs)
    {
        foreach (var input in inputs)
        {
            await Task.Yield();
            yield return input;
        }
    }
}
