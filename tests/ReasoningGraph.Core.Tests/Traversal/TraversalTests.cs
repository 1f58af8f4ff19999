using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Traversal;

public sealed class TraversalTests
{
    [Fact]
    public async Task Trace_MakesOneFrontierFetchPerLevelNeverOnePerNode()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(Enumerable.Range(1, 41).ToArray());
        await graph.EdgesAsync([.. Enumerable.Range(2, 20).Select(i => $"1>{i}"), .. Enumerable.Range(2, 19).Select(i => $"{i}>{i + 20}"), "40>41"]);
        graph.Store.Reset();
        var page = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 5 });
        Assert.Equal(41, page.Steps.Count);
        Assert.Equal(4, graph.Store.FrontierCalls);
        Assert.Equal([1, 20, 19, 1], graph.Store.FrontierSizes);
    }

    [Fact]
    public async Task Paging_ResumesTheWalkSoLaterPagesCostNoMoreThanEarlierOnes()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(Enumerable.Range(1, 60).ToArray());
        await graph.EdgesAsync([.. Enumerable.Range(1, 59).Select(i => $"{i}>{i + 1}")]);
        graph.Store.Reset();
        var calls = new List<int>();
        string? cursor = null;
        do
        {
            int before = graph.Store.FrontierCalls + graph.Store.ItemCalls;
            var page = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 64, PageSize = 1, Cursor = cursor });
            calls.Add(graph.Store.FrontierCalls + graph.Store.ItemCalls - before);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(60, calls.Count);
        Assert.All(calls.Skip(1), c => Assert.True(c <= 1, "a later page makes at most one store round trip"));
        Assert.Equal(60 + 1, graph.Store.FrontierCalls + graph.Store.ItemCalls);
    }

    [Fact]
    public async Task Trace_MarksRevisitsAndReportsCyclesButNotDiamonds()
    {
        var diamond = new TestGraph();
        await diamond.NodesAsync(1, 2, 3, 4);
        await diamond.EdgesAsync("1>2", "1>3", "2>4", "3>4");
        var page = await diamond.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 5 });
        Assert.False(page.CycleDetected);
        Assert.Equal([(1, 0), (2, 1), (3, 1), (4, 2)], page.Steps.Select(s => (Number(s.Node.Id), s.Depth)));
        Assert.Equal([false, false, false, true], page.Edges.Select(e => e.Revisit));

        var loop = new TestGraph();
        await loop.NodesAsync(1, 2);
        await loop.EdgesAsync("1>2", "2>1");
        var cyclic = await loop.Service.TraceAsync(Id(1), TraversalDirection.Ancestors, new TraversalOptions { Depth = 5 });
        Assert.True(cyclic.CycleDetected);
        Assert.Equal([(Id(2), false), (Id(1), true)], cyclic.Edges.Select(e => (e.Edge.From, e.Revisit)));

        var self = new TestGraph();
        await self.NodesAsync(1);
        await self.EdgesAsync("1>1");
        var selfLoop = await self.Service.TraceAsync(Id(1), TraversalDirection.Descendants);
        Assert.True(selfLoop.CycleDetected);
        Assert.True(Assert.Single(selfLoop.Edges).Revisit);
    }

    [Fact]
    public async Task Trace_OrdersALevelByCreatedAtThenIdAsLowercaseString()
    {
        var graph = new TestGraph();
        var same = TestGraph.Start.AddSeconds(5);
        var low = Guid.Parse("0aaaaaaa-0000-7000-8000-000000000000");
        var high = Guid.Parse("Baaaaaaa-0000-7000-8000-000000000000");
        await graph.Service.ImportAsync([Node(Id(1), createdAt: TestGraph.Start), Node(high, createdAt: same), Node(low, createdAt: same), Node(Id(9), createdAt: TestGraph.Start.AddSeconds(1))]);
        await graph.Service.AppendAsync([Edge(Id(1), high), Edge(Id(1), low), Edge(Id(1), Id(9))]);
        var page = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants);
        Assert.Equal([Id(1), Id(9), low, high], page.Steps.Select(s => s.Node.Id));
    }

    [Fact]
    public async Task Trace_DefaultsToDepthOneAndCapsDepthAtTheConfiguredMaximum()
    {
        var graph = new TestGraph(o => o.MaxTraversalDepth = 2);
        await graph.NodesAsync(1, 2, 3, 4);
        await graph.EdgesAsync("1>2", "2>3", "3>4");
        Assert.Equal(2, (await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants)).Steps.Count);
        var capped = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 50 });
        Assert.Equal(3, capped.Steps.Count);
        Assert.Equal(2, capped.Edges.Count);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1001, null)]
    [InlineData(10, -1)]
    public async Task Trace_RejectsOutOfRangeOptionsNamingTheField(int pageSize, int? depth)
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { PageSize = pageSize, Depth = depth }));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal(depth is null ? "pageSize" : "depth", error.Details["field"]);
    }

    [Fact]
    public async Task Trace_OfAnUnknownRoot_IsNotFound()
    {
        var graph = new TestGraph();
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
        Assert.Equal("root", error.Details["field"]);
    }

    [Fact]
    public async Task Page_SerializesToTheCommandLineShape()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2);
        await graph.EdgesAsync("1>2");
        var page = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(page, ResultJson.TraversalPage)).RootElement;
        Assert.Equal(["root", "direction", "steps", "edges", "cycleDetected", "nextCursor"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("descendants", json.GetProperty("direction").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nextCursor").ValueKind);
        var step = json.GetProperty("steps")[1];
        Assert.Equal(1, step.GetProperty("depth").GetInt32());
        Assert.Equal(Id(2).ToString(), step.GetProperty("node").GetProperty("id").GetString());
        var edge = json.GetProperty("edges")[0];
        Assert.Equal(["id", "createdAt", "from", "to", "type", "metadata", "revisit"], edge.EnumerateObject().Select(p => p.Name));
        Assert.False(edge.GetProperty("revisit").GetBoolean());
    }

    private static int Number(Guid id) => int.Parse(id.ToString()[^12..], System.Globalization.CultureInfo.InvariantCulture);
}
