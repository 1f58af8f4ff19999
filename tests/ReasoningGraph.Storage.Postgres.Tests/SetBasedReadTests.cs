using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>Reads are one statement per call, however many ids or frontier nodes they carry.</summary>
[RequiresPostgres]
public sealed class SetBasedReadTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    /// <summary>A star: hub 0 with 1,000 parents (nodes 1..1000), each with one grandparent (1001..2000).</summary>
    private async Task<PostgresGraphStore> StarAsync()
    {
        var store = schema.NewStore();
        var batch = new GraphBatch { Node(Id(0)) };
        for (int i = 1; i <= 1000; i++)
        {
            batch.Add(Node(Id(i)));
            batch.Add(Node(Id(1000 + i)));
            batch.Add(Edge(Id(i), Id(0)));
            batch.Add(Edge(Id(1000 + i), Id(i)));
        }

        await store.AppendAsync(batch);
        return store;
    }

    [Fact]
    public async Task Frontier_OfAThousandNodes_IsOneCommand()
    {
        var store = await StarAsync();
        var parents = Enumerable.Range(1, 1000).Select(Id).ToList();
        FrontierResult result;
        using (var counter = new CommandCounter())
        {
            result = await store.GetFrontierAsync(new FrontierRequest { NodeIds = parents, Direction = TraversalDirection.Ancestors, AsOf = long.MaxValue });
            Assert.Single(counter.Commands);
        }

        Assert.Equal(1000, result.Edges.Count);
        Assert.Equal(Enumerable.Range(1001, 1000).Select(Id).Order(), result.FarNodes.Select(n => n.Id).Order());
    }

    [Fact]
    public async Task GetItems_AndAnnotations_OfAThousandIds_AreOneCommandEach()
    {
        var store = await StarAsync();
        var ids = Enumerable.Range(0, 2001).Select(Id).ToList();
        using var counter = new CommandCounter();
        Assert.Equal(2001, (await store.GetItemsAsync(ids, long.MaxValue)).Count);
        Assert.Empty(await store.GetAnnotationsAsync(ids, long.MaxValue));
        Assert.Equal(2, counter.Commands.Count);
    }

    [Fact]
    public async Task Frontier_SharedFarNode_IsReturnedOnceWithAllItsEdges()
    {
        var store = await StarAsync();
        var result = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [Id(1), Id(2), Id(3)], Direction = TraversalDirection.Descendants, AsOf = long.MaxValue });
        Assert.Equal(3, result.Edges.Count);
        Assert.Equal([Id(0)], result.FarNodes.Select(n => n.Id));
    }
}
