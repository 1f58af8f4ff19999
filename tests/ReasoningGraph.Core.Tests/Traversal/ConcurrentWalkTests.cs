using ReasoningGraph.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Model;

namespace ReasoningGraph.Tests.Traversal;

public sealed class ConcurrentWalkTests
{
    [Fact]
    public async Task ParallelPagesOfOneWalk_WhileAppendsContinue_AllMatchTheSequentialResult()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(Enumerable.Range(1, 200).ToArray());
        await graph.EdgesAsync([.. Enumerable.Range(2, 199).Select(i => $"{i / 2}>{i}"), "150>1", "77>77"]);
        var sequential = new List<TraversalPage>();
        string? cursor = null;
        do
        {
            var page = await graph.Service.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 64, PageSize = 7, Cursor = cursor });
            sequential.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var fresh = graph.SecondService();
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                var node = Guid.CreateVersion7();
                await graph.Service.AppendAsync([Node(node), Edge(Id(1), node), Edge(node, Id(100))]);
            }
        });
        var cursors = new[] { (string?)null }.Concat(sequential.Take(sequential.Count - 1).Select(p => p.NextCursor)).ToList();
        var parallel = await Task.WhenAll(cursors.Concat(cursors).Select(c => Task.Run(() =>
            fresh.TraceAsync(Id(1), TraversalDirection.Descendants, new TraversalOptions { Depth = 64, PageSize = 7, Cursor = c, AsOf = c is null ? sequential[0].AsOf : null }))));
        await writer;
        for (int i = 0; i < parallel.Length; i++)
        {
            var expected = sequential[i % sequential.Count];
            Assert.Equal(expected.Steps.Select(s => (s.Node.Id, s.Depth)), parallel[i].Steps.Select(s => (s.Node.Id, s.Depth)));
            Assert.Equal(expected.Edges.Select(e => (e.Edge.Id, e.Revisit)), parallel[i].Edges.Select(e => (e.Edge.Id, e.Revisit)));
            Assert.Equal(expected.CycleDetected, parallel[i].CycleDetected);
        }

        Assert.Equal(200, sequential.Sum(p => p.Steps.Count));
    }
}
