using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Model;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Traversal;

public sealed class TraversalPropertyTests
{
    private static IEnumerable<(Guid, int)> Steps(IEnumerable<TraversalStep> steps) => steps.Select(s => (s.Node.Id, s.Depth));

    private static IEnumerable<(Guid, bool)> Edges(IEnumerable<TraversedEdge> edges) => edges.Select(e => (e.Edge.Id, e.Revisit));

    private static void Check(Func<WalkCase, Task> property) =>
        Prop.ForAll(WalkCase.Arbitrary, c => property(c).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(150));

    [Fact]
    public void Trace_EqualsAStraightforwardReferenceBreadthFirstWalk() => Check(async c =>
    {
        var graph = await c.BuildAsync();
        var (nodes, edges) = await WalkCase.ContentAsync(graph);
        var page = await graph.Service.TraceAsync(c.Root, c.Direction, c.Options(order: TraversalOrder.BreadthFirst));
        var expected = c.Reference(nodes, edges);
        Assert.Null(page.NextCursor);
        Assert.Equal(expected.Steps, page.Steps.Select(s => (s.Node.Id, s.Depth)));
        Assert.Equal(expected.Edges, page.Edges.Select(e => (e.Edge.Id, e.Revisit)));
        Assert.Equal(expected.Cycle, page.CycleDetected);
    });

    [Fact]
    public void Trace_ReturnsEveryReachableNodeOnceAtItsMinimumDepth() => Check(async c =>
    {
        var graph = await c.BuildAsync();
        var (nodes, edges) = await WalkCase.ContentAsync(graph);
        var page = await graph.Service.TraceAsync(c.Root, c.Direction, c.Options());

        // Shortest distances by relaxation over the edges the filters allow (Bellman–Ford with unit weights).
        var byId = nodes.ToDictionary(n => n.Id);
        var usable = edges.Select(e => c.Direction == TraversalDirection.Descendants ? (Near: e.From, Far: e.To, Edge: e) : (Near: e.To, Far: e.From, Edge: e))
            .Where(x => (c.Types is null || c.Types.Contains(x.Edge.Type)) && (c.MinWeight is null || (x.Edge.Weight ?? double.NaN) >= c.MinWeight)
                && (c.MinConfidence is null || ReferenceWalk.Confidence(byId[x.Far]) >= c.MinConfidence)).ToList();
        var distance = new Dictionary<Guid, int> { [c.Root] = 0 };
        for (int round = 0; round < nodes.Count; round++)
        {
            foreach (var (near, far, _) in usable)
            {
                if (distance.TryGetValue(near, out int d) && d < c.Depth && (!distance.TryGetValue(far, out int current) || d + 1 < current))
                {
                    distance[far] = d + 1;
                }
            }
        }

        Assert.Equal(page.Steps.Count, page.Steps.Select(s => s.Node.Id).Distinct().Count());
        Assert.Equal(distance.OrderBy(kv => kv.Key), page.Steps.Select(s => KeyValuePair.Create(s.Node.Id, s.Depth)).OrderBy(kv => kv.Key));
    });

    [Fact]
    public void Paging_ConcatenatedPagesEqualTheUnpagedResult() => Check(async c =>
    {
        var graph = await c.BuildAsync();
        var whole = await graph.Service.TraceAsync(c.Root, c.Direction, c.Options());
        var pages = await c.AllPagesAsync(graph.Service, c.PageSize, c.Order);
        Assert.Equal(Steps(whole.Steps), Steps(pages.SelectMany(p => p.Steps)));
        Assert.Equal(Edges(whole.Edges), Edges(pages.SelectMany(p => p.Edges)));
        Assert.Equal(whole.CycleDetected, pages[^1].CycleDetected);
        Assert.All(pages, p => Assert.Equal(whole.AsOf, p.AsOf));
    });

    [Fact]
    public void Paging_WithoutTheWalkCache_RebuildsAndGivesTheSamePages() => Check(async c =>
    {
        var graph = await c.BuildAsync();
        var cached = await c.AllPagesAsync(graph.Service, c.PageSize, c.Order);
        var rebuilt = await c.AllPagesAsync(graph.SecondService(cacheCapacity: 0), c.PageSize, c.Order);
        Assert.Equal(cached.Select(p => Steps(p.Steps).ToList()), rebuilt.Select(p => Steps(p.Steps).ToList()));
        Assert.Equal(cached.Select(p => Edges(p.Edges).ToList()), rebuilt.Select(p => Edges(p.Edges).ToList()));
        Assert.Equal(cached.Select(p => p.CycleDetected), rebuilt.Select(p => p.CycleDetected));
    });

    [Fact]
    public void Paging_WhileAppendsContinue_StillYieldsTheResultAsOfTheFirstPage() => Check(async c =>
    {
        var graph = await c.BuildAsync();
        var whole = await graph.Service.TraceAsync(c.Root, c.Direction, c.Options());
        int appended = 0;
        var pages = await c.AllPagesAsync(graph.Service, c.PageSize, c.Order, async () =>
        {
            // Grow the graph right where the walk is: new nodes linked both ways to the root, and a new self-loop.
            var fresh = Guid.CreateVersion7();
            await graph.Service.AppendAsync([Node(fresh), Edge(c.Root, fresh), Edge(fresh, c.Root), Edge(c.Root, c.Root)]);
            appended++;
        });
        Assert.True(appended > 0);
        Assert.Equal(Steps(whole.Steps), Steps(pages.SelectMany(p => p.Steps)));
        Assert.Equal(Edges(whole.Edges), Edges(pages.SelectMany(p => p.Edges)));
        Assert.Equal(whole.CycleDetected, pages[^1].CycleDetected);
    });

    [Fact]
    public void CycleDetected_OnEachPage_IsWhetherTheReturnedSubgraphSoFarHasACycle() => Check(async c =>
    {
        var graph = await c.BuildAsync();
        var pages = await c.AllPagesAsync(graph.Service, c.PageSize, c.Order);
        var soFar = new List<ReasoningEdge>();
        foreach (var page in pages)
        {
            soFar.AddRange(page.Edges.Select(e => e.Edge));
            Assert.Equal(ReferenceWalk.HasCycle(soFar), page.CycleDetected);
        }
    });

    [Fact]
    public void DepthFirst_ReturnsTheSameNodesDepthsAndEdgesInPreOrderOfTheMinimumDepthTree() => Check(async c =>
    {
        var graph = await c.BuildAsync();
        var bfs = await graph.Service.TraceAsync(c.Root, c.Direction, c.Options(order: TraversalOrder.BreadthFirst));
        var dfs = await graph.Service.TraceAsync(c.Root, c.Direction, c.Options(order: TraversalOrder.DepthFirst));
        Assert.Equal(Steps(bfs.Steps).Order(), Steps(dfs.Steps).Order());
        Assert.Equal(Edges(bfs.Edges).Order(), Edges(dfs.Edges).Order());
        Assert.Equal(bfs.CycleDetected, dfs.CycleDetected);

        // Pre-order: a node comes after its tree parent, and everything in between lies deeper than the parent.
        var position = dfs.Steps.Select((s, i) => (s.Node.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var step in dfs.Steps.Skip(1))
        {
            var tree = dfs.Edges.Single(e => !e.Revisit && (c.Direction == TraversalDirection.Descendants ? e.Edge.To : e.Edge.From) == step.Node.Id);
            var parent = c.Direction == TraversalDirection.Descendants ? tree.Edge.From : tree.Edge.To;
            Assert.True(position[parent] < position[step.Node.Id]);
            Assert.Equal(step.Depth - 1, dfs.Steps[position[parent]].Depth);
            Assert.All(dfs.Steps.Skip(position[parent] + 1).Take(position[step.Node.Id] - position[parent] - 1), s => Assert.True(s.Depth >= step.Depth));
        }
    });
}
