using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

public abstract partial class StoreContractTests
{
    /// <summary>1→2, 1→3 (supports, weight 0.2), 2→3 (weight 0.9), 3→3 (self-loop), 4 isolated; node 3 has confidence 0.8, node 2 0.3.</summary>
    private async Task<IReasoningGraphStore> SmallGraphAsync()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store,
            Node(Id(1)), Node(Id(2), metadata: "{\"confidence\":0.3}"), Node(Id(3), metadata: "{\"confidence\":0.8}"), Node(Id(4)),
            Edge(Id(1), Id(2), Id(12)), Edge(Id(1), Id(3), Id(13), type: "supports", weight: 0.2),
            Edge(Id(2), Id(3), Id(23), weight: 0.9), Edge(Id(3), Id(3), Id(33)));
        return store;
    }

    private static Task<FrontierResult> FrontierAsync(IReasoningGraphStore store, TraversalDirection direction, params Guid[] nodes) =>
        store.GetFrontierAsync(new FrontierRequest { NodeIds = nodes, Direction = direction, AsOf = long.MaxValue });

    [Fact]
    public async Task Frontier_ReturnsTheEdgesOfManyNodesAndTheirFarEndsInOneCall()
    {
        var store = await SmallGraphAsync();
        var result = await FrontierAsync(store, TraversalDirection.Descendants, Id(1), Id(2), Id(4), Id(77));
        Assert.Equal([Id(12), Id(13), Id(23)], result.Edges.Select(e => e.Id).Order());
        Assert.Equal([Id(2), Id(3)], result.FarNodes.Select(n => n.Id).Order());
    }

    [Fact]
    public async Task Frontier_Ancestors_FollowsEdgesBackwards()
    {
        var store = await SmallGraphAsync();
        var result = await FrontierAsync(store, TraversalDirection.Ancestors, Id(3));
        Assert.Equal([Id(13), Id(23), Id(33)], result.Edges.Select(e => e.Id).Order());
        Assert.Equal([Id(1), Id(2), Id(3)], result.FarNodes.Select(n => n.Id).Order());
    }

    [Fact]
    public async Task Frontier_ReturnsASelfLoopOnceAndEachEdgeOnceForRepeatedIds()
    {
        var store = await SmallGraphAsync();
        var result = await FrontierAsync(store, TraversalDirection.Descendants, Id(3), Id(3));
        Assert.Equal([Id(33)], result.Edges.Select(e => e.Id));
    }

    [Fact]
    public async Task Frontier_AppliesEdgeTypeWeightAndFarNodeConfidenceFilters()
    {
        var store = await SmallGraphAsync();
        async Task<IEnumerable<Guid>> Edges(FrontierRequest request) => (await store.GetFrontierAsync(request)).Edges.Select(e => e.Id).Order();
        var all = new FrontierRequest { NodeIds = [Id(1), Id(2)], Direction = TraversalDirection.Descendants, AsOf = long.MaxValue };
        Assert.Equal([Id(13)], await Edges(new() { NodeIds = all.NodeIds, Direction = all.Direction, AsOf = all.AsOf, EdgeTypes = ["supports"] }));
        Assert.Empty(await Edges(new() { NodeIds = all.NodeIds, Direction = all.Direction, AsOf = all.AsOf, EdgeTypes = ["unknown"] }));
        Assert.Equal([Id(23)], await Edges(new() { NodeIds = all.NodeIds, Direction = all.Direction, AsOf = all.AsOf, MinWeight = 0.5 }));
        Assert.Equal([Id(13), Id(23)], await Edges(new() { NodeIds = all.NodeIds, Direction = all.Direction, AsOf = all.AsOf, MinFarNodeConfidence = 0.5 }));
    }

    [Fact]
    public async Task Frontier_SeesOnlyEdgesUpToAsOf()
    {
        var store = await SmallGraphAsync();
        long asOf = await store.GetMaxSeqAsync();
        await AppendAsync(store, Node(Id(5)), Edge(Id(1), Id(5), Id(15)));
        var before = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [Id(1), Id(5)], Direction = TraversalDirection.Descendants, AsOf = asOf });
        Assert.Equal([Id(12), Id(13)], before.Edges.Select(e => e.Id).Order());
        var after = await FrontierAsync(store, TraversalDirection.Descendants, Id(1));
        Assert.Equal(3, after.Edges.Count);
    }

    [Fact]
    public async Task Annotations_AreReturnedForAllTargetsInSeqOrderAsOf()
    {
        var store = await SmallGraphAsync();
        await AppendAsync(store, Note(Id(1), Id(101)), Note(Id(12), Id(102), targetType: AnnotationTargetType.Edge), Note(Id(1), Id(103), type: "correction"));
        long asOf = await store.GetMaxSeqAsync();
        await AppendAsync(store, Note(Id(1), Id(104)));
        var annotations = await store.GetAnnotationsAsync([Id(1), Id(12), Id(4)], asOf);
        Assert.Equal([Id(101), Id(102), Id(103)], annotations.Select(a => a.Id));
        Assert.Equal(4, (await store.GetAnnotationsAsync([Id(1), Id(12)], long.MaxValue)).Count);

        // A repeated id (annotated or not) returns each annotation once.
        var repeated = await store.GetAnnotationsAsync([Id(4), Id(1), Id(12), Id(4), Id(1), Id(12)], asOf);
        Assert.Equal([Id(101), Id(102), Id(103)], repeated.Select(a => a.Id));
    }

    [Fact]
    public async Task QueryNodes_FiltersByEveryCriterion()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1), "decision", metadata: "{\"tags\":[\"a\",\"b\"],\"confidence\":0.9}"));
        Time.Advance(TimeSpan.FromSeconds(10));
        await AppendAsync(store, Node(Id(2), "observation", metadata: "{\"tags\":[\"a\"],\"confidence\":0.4}", author: "agent:other"));
        Time.Advance(TimeSpan.FromSeconds(10));
        await AppendAsync(store, Node(Id(3), "decision", metadata: "{\"tags\":\"a\"}"), Node(Id(4)), Edge(Id(3), Id(4)));
        async Task<IEnumerable<Guid>> Query(NodeFilter filter) => (await store.QueryNodesAsync(filter, 0, long.MaxValue, 100)).Select(n => n.Id);
        Assert.Equal([Id(1), Id(3)], await Query(new() { Types = ["decision"] }));
        Assert.Equal([Id(2)], await Query(new() { Authors = ["agent:other"] }));
        Assert.Equal([Id(1), Id(2)], await Query(new() { Tags = ["a"] }));
        Assert.Equal([Id(1)], await Query(new() { Tags = ["a", "b"] }));
        Assert.Equal([Id(2)], await Query(new() { CreatedFrom = Start.AddSeconds(10), CreatedBefore = Start.AddSeconds(20) }));
        Assert.Equal([Id(1)], await Query(new() { MinConfidence = 0.5 }));
        Assert.Equal([Id(1), Id(2), Id(3), Id(4)], await Query(NodeFilter.All));
    }

    [Fact]
    public async Task QueryNodes_PagesByKeysetOnSeqAndHonoursAsOf()
    {
        var store = await NewStoreAsync();
        for (int i = 1; i <= 7; i++)
        {
            await AppendAsync(store, Node(Id(i)));
        }

        long asOf = await store.GetMaxSeqAsync();
        await AppendAsync(store, Node(Id(8)));
        var seen = new List<Guid>();
        long after = 0;
        while (true)
        {
            var page = await store.QueryNodesAsync(NodeFilter.All, after, asOf, 3);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 3);
            seen.AddRange(page.Select(n => n.Id));
            after = page[^1].Seq;
        }

        Assert.Equal(Enumerable.Range(1, 7).Select(Id), seen);
    }

    [Fact]
    public async Task ParallelReaders_DuringAppends_SeeConsistentAsOfSnapshots()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(0)));
        using var done = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (int i = 1; i <= 300; i++)
            {
                var node = Guid.CreateVersion7();
                await AppendAsync(store, Node(node), Edge(Id(0), node), Note(node));
            }

            done.Cancel();
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            int checks = 0;
            while (!done.IsCancellationRequested || checks == 0)
            {
                // Each batch is a node, an edge from node 0 to it and a note on it: any consistent snapshot holds
                // as many of each (seq gaps allowed, so counts come from the items, not from asOf).
                long asOf = await store.GetMaxSeqAsync();
                var items = new List<GraphItem>();
                await foreach (var item in store.ReadAllAsync(0, asOf))
                {
                    items.Add(item);
                }

                var seqs = items.Select(i => i.Seq).ToList();
                Assert.Equal(seqs.Order(), seqs);
                Assert.All(seqs, s => Assert.True(s <= asOf));
                int nodes = items.Count(i => i.Kind == GraphItemKind.Node), edges = items.Count(i => i.Kind == GraphItemKind.Edge);
                Assert.Equal(nodes - 1, edges);
                Assert.Equal(edges, items.Count(i => i.Kind == GraphItemKind.Annotation));
                var frontier = await store.GetFrontierAsync(new FrontierRequest { NodeIds = [Id(0)], Direction = TraversalDirection.Descendants, AsOf = asOf });
                Assert.Equal(edges, frontier.Edges.Count);
                Assert.Equal(edges, frontier.FarNodes.Count);
                var annotations = await store.GetAnnotationsAsync(frontier.FarNodes.Select(n => n.Id).ToList(), asOf);
                Assert.Equal(edges, annotations.Count);
                checks++;
            }

            return checks;
        })).ToList();
        await writer;
        Assert.All(await Task.WhenAll(readers), checks => Assert.True(checks > 0));
    }
}
