using ReasoningGraph.Querying;
using ReasoningGraph.Storage;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Tests.Traversal;

public sealed class CursorTests
{
    /// <summary>A chain 1→2→…→8 walked one node per page.</summary>
    private static async Task<(TestGraph Graph, string Cursor)> ChainAsync()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2, 3, 4, 5, 6, 7, 8);
        await graph.EdgesAsync("1>2", "2>3", "3>4", "4>5", "5>6", "6>7", "7>8");
        var first = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 10, PageSize = 1 });
        return (graph, first.NextCursor!);
    }

    private static async Task AssertInvalidAsync(Func<Task> action, string? reason = null)
    {
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(action);
        Assert.Equal(ErrorCodes.InvalidCursor, error.ErrorCode);
        if (reason is not null)
        {
            Assert.Equal(reason, error.Details["reason"]);
        }
    }

    [Fact]
    public async Task ModifiedCursor_IsRejected()
    {
        var (graph, cursor) = await ChainAsync();
        for (int i = 0; i < cursor.Length; i++)
        {
            char replacement = cursor[i] == 'A' ? 'B' : 'A';
            var forged = string.Concat(cursor.AsSpan(0, i), replacement.ToString(), cursor.AsSpan(i + 1));
            await AssertInvalidAsync(() => graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 10, PageSize = 1, Cursor = forged }));
        }
    }

    [Fact]
    public async Task TruncatedOrGarbageCursor_IsRejected()
    {
        var (graph, cursor) = await ChainAsync();
        foreach (var bad in new[] { cursor[..^1], cursor[..10], "", "!!!", cursor + "A" })
        {
            await AssertInvalidAsync(() => graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 10, PageSize = 1, Cursor = bad }));
        }
    }

    [Fact]
    public async Task CursorFromAnotherKey_IsRejected()
    {
        var (graph, cursor) = await ChainAsync();
        var foreign = graph.SecondService(key: Enumerable.Repeat((byte)7, 32).ToArray());
        await AssertInvalidAsync(
            () => foreign.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 10, PageSize = 1, Cursor = cursor }),
            "not-authentic");
    }

    [Theory]
    [InlineData("root")]
    [InlineData("direction")]
    [InlineData("depth")]
    [InlineData("order")]
    [InlineData("edgeTypes")]
    [InlineData("minWeight")]
    [InlineData("minConfidence")]
    [InlineData("asOf")]
    public async Task CursorUsedForAnotherQuery_IsRejected(string changed)
    {
        var (graph, cursor) = await ChainAsync();
        var options = new TraversalOptions
        {
            PageSize = 1, Cursor = cursor, Depth = changed == "depth" ? 9 : 10,
            Order = changed == "order" ? TraversalOrder.DepthFirst : TraversalOrder.BreadthFirst,
            EdgeTypes = changed == "edgeTypes" ? ["causal"] : null,
            MinWeight = changed == "minWeight" ? 0 : null,
            MinConfidence = changed == "minConfidence" ? 0 : null,
            AsOf = changed == "asOf" ? 3 : null,
        };
        var root = changed == "root" ? Id(2) : Id(1);
        var direction = changed == "direction" ? TraversalDirection.Ancestors : TraversalDirection.Descendants;
        await AssertInvalidAsync(() => graph.Service.TraceAsync(root, direction, options), "query-mismatch");
    }

    [Fact]
    public async Task QueryCursorAndWalkCursor_AreNotInterchangeable()
    {
        var (graph, walkCursor) = await ChainAsync();
        var query = await graph.Service.QueryAsync(new NodeQuery { PageSize = 1 });
        await AssertInvalidAsync(() => graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 10, PageSize = 1, Cursor = query.NextCursor }), "wrong-kind");
        await AssertInvalidAsync(() => graph.Service.QueryAsync(new NodeQuery { PageSize = 1, Cursor = walkCursor }), "wrong-kind");
        await AssertInvalidAsync(() => graph.Service.QueryAsync(new NodeQuery { PageSize = 1, Cursor = query.NextCursor, Filter = new NodeFilter { Types = ["decision"] } }), "query-mismatch");
    }

    [Fact]
    public async Task Cursor_OutlivesTheProcessWhenTheKeyIsShared()
    {
        var (graph, cursor) = await ChainAsync();
        var options = new TraversalOptions { Depth = 10, PageSize = 3, Cursor = cursor };
        var here = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, options);
        var restarted = await graph.SecondService(cacheCapacity: 0).TraceAsync(Id(1), TraversalDirection.Descendants, options);
        Assert.Equal(here.Steps.Select(s => s.Node.Id), restarted.Steps.Select(s => s.Node.Id));
        Assert.Equal([Id(2), Id(3), Id(4)], here.Steps.Select(s => s.Node.Id));
        Assert.NotNull(restarted.NextCursor);
    }

    [Fact]
    public async Task Cursor_PinsAsOfSoLaterAppendsDoNotShowUp()
    {
        var (graph, cursor) = await ChainAsync();
        await graph.NodesAsync(9);
        await graph.EdgesAsync("1>9", "8>9");
        var rest = new List<Guid>();
        string? next = cursor;
        while (next is not null)
        {
            var page = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 10, PageSize = 2, Cursor = next });
            rest.AddRange(page.Steps.Select(s => s.Node.Id));
            next = page.NextCursor;
        }

        Assert.Equal(Enumerable.Range(2, 7).Select(Id), rest);
    }
}
