using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Tests.Traversal;

/// <summary>A random graph with a random walk over it, on the generic or the indexed walk path.</summary>
public sealed record WalkCase(RandomGraph Graph, TraversalDirection Direction, int Depth, int Filter, int PageSize, TraversalOrder Order, bool Indexed)
{
    public static Arbitrary<WalkCase> Arbitrary { get; } = (
        from graph in RandomGraph.Generator
        from direction in Gen.Elements(TraversalDirection.Ancestors, TraversalDirection.Descendants)
        from depth in Gen.Choose(0, 5)
        from filter in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from pageSize in Gen.Choose(1, 4)
        from order in Gen.Elements(TraversalOrder.BreadthFirst, TraversalOrder.DepthFirst)
        from indexed in Gen.Elements(false, true)
        select new WalkCase(graph, direction, depth, filter, pageSize, order, indexed)).ToArbitrary();

    public Guid Root => Graph.Ids[Graph.Root];

    /// <summary>The stored graph, its service on this case's walk path.</summary>
    public Task<TestGraph> BuildAsync() => Graph.BuildAsync(indexed: Indexed);

    public string[]? Types => Filter == 1 ? ["supports"] : null;

    public double? MinWeight => Filter == 2 ? 0.5 : null;

    public double? MinConfidence => Filter == 3 ? 0.5 : null;

    public TraversalOptions Options(int? pageSize = null, TraversalOrder? order = null, string? cursor = null, long? asOf = null) => new()
    {
        Depth = Depth, PageSize = pageSize ?? 1000, Order = order ?? Order, EdgeTypes = Types, MinWeight = MinWeight,
        MinConfidence = MinConfidence, Cursor = cursor, AsOf = asOf,
    };

    public ReferenceWalk.Result Reference(IReadOnlyList<ReasoningNode> nodes, IReadOnlyList<ReasoningEdge> edges) =>
        ReferenceWalk.Run(nodes, edges, Root, Direction, Depth, Types, MinWeight, MinConfidence);

    public static async Task<(List<ReasoningNode> Nodes, List<ReasoningEdge> Edges)> ContentAsync(TestGraph graph, long asOf = long.MaxValue)
    {
        var nodes = new List<ReasoningNode>();
        var edges = new List<ReasoningEdge>();
        await foreach (var item in graph.Store.ReadAllAsync(0, asOf))
        {
            if (item is ReasoningNode n)
            {
                nodes.Add(n);
            }
            else if (item is ReasoningEdge e)
            {
                edges.Add(e);
            }
        }

        return (nodes, edges);
    }

    /// <summary>Every page of a walk, following cursors; <paramref name="between"/> runs after each page.</summary>
    public async Task<List<TraversalPage>> AllPagesAsync(IReasoningGraph service, int pageSize, TraversalOrder order, Func<Task>? between = null)
    {
        var pages = new List<TraversalPage>();
        string? cursor = null;
        do
        {
            var page = await service.TraceAsync(Root, Direction, Options(pageSize, order, cursor));
            pages.Add(page);
            cursor = page.NextCursor;
            Assert.True(page.Steps.Count > 0 && page.Steps.Count <= pageSize, "pages hold 1..pageSize nodes");
            if (between is not null)
            {
                await between();
            }
        }
        while (cursor is not null);
        return pages;
    }

    public override string ToString() => $"{Graph} dir={Direction} depth={Depth} filter={Filter} page={PageSize} order={Order} indexed={Indexed}";
}
