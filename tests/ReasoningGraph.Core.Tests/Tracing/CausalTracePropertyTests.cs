using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Tests.Traversal;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Tests.Tracing;

public sealed class CausalTracePropertyTests
{
    /// <summary>On a store walked level by level and on the indexed view the walk engine takes when a store offers one.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OrderedTrace_HoldsTheClosureOnceAndIsTopologicalWhenAcyclic(bool indexed) =>
        Prop.ForAll(RandomGraph.Arbitrary, g => CheckAsync(g, indexed).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    /// <summary>
    /// Closures of 40 items (ten nodes, each with an edge to the root, and twenty more edges among them, cycles and
    /// self-loops included) whose times take four values 2,500 years apart, ties among them: a span the ranking cannot
    /// pack with a 6-bit position (2^57 ticks is 4,566 years), so it ranks by keys with a second array. The order must be
    /// the exact one all the same.
    /// </summary>
    [Fact]
    public void OrderedTrace_IsTheSameWhenItsTimesSpanMillennia()
    {
        var step = TimeSpan.FromDays(2_500 * 365.25);
        var wide =
            from ids in ArbMap.Default.GeneratorFor<Guid>().ArrayOf(10).Where(ids => ids.Distinct().Count() == 10)
            from nodeTimes in Gen.Choose(0, 3).ArrayOf(10)
            from edgeTimes in Gen.Choose(0, 3).ArrayOf(30)
            from targets in Gen.Choose(0, 9).ArrayOf(20)
            let edges = Enumerable.Range(0, 30)
                .Select(k => new RandomEdge(Guid.NewGuid(), k % 10, k < 10 ? 0 : targets[k - 10], k % 2, null, edgeTimes[k])).ToArray()
            select new RandomGraph(ids, nodeTimes, new double?[10], edges, 0) { TimeStep = step };
        Prop.ForAll(wide.ToArbitrary(), g => CheckAsync(g, indexed: true).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    private static async Task CheckAsync(RandomGraph random, bool indexed)
    {
        var graph = await random.BuildAsync(indexed: indexed);
        var (nodes, edges) = await WalkCase.ContentAsync(graph);
        var root = random.Ids[random.Root];
        var trace = await graph.Service.GetCausalTraceAsync(root);

        // Closure by naive fixpoint: the root and everything with a path to it; the edges into those nodes.
        var closure = new HashSet<Guid> { root };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var e in edges.Where(e => closure.Contains(e.To)))
            {
                grew |= closure.Add(e.From);
            }
        }

        var closureEdges = edges.Where(e => closure.Contains(e.To)).Select(e => e.Id).ToHashSet();
        var ids = trace.OrderedPath.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(closure.Concat(closureEdges).Order(), ids.Order());
        Assert.Equal(Enumerable.Range(0, ids.Count), trace.OrderedPath.Select(e => e.CausalIndex));

        var inClosure = edges.Where(e => closureEdges.Contains(e.Id)).ToList();
        bool cyclic = ReferenceWalk.HasCycle(inClosure);
        Assert.Equal(cyclic, trace.Metadata.CycleDetected);
        var onCycle = closure.Where(n => NodeOnCycle(n, inClosure)).Order();
        Assert.Equal(onCycle, trace.Metadata.CycleNodes.Order());
        if (!cyclic)
        {
            var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            foreach (var e in inClosure)
            {
                Assert.True(position[e.From] < position[e.Id] && position[e.Id] < position[e.To], "from-node, then edge, then to-node");
            }

            Assert.Equal("", trace.Metadata.CycleDetails);
        }
        else
        {
            Assert.NotEmpty(trace.Metadata.CycleDetails.Split(','));
        }

        // The exact order: Kahn taking the smallest (createdAt, id) ready item each step, the blocked rest after it
        // in that order; cycle nodes in that order too.
        var keys = nodes.Where(n => closure.Contains(n.Id)).Select(n => (n.Id, Key: (n.CreatedAt.UtcTicks, n.Id)))
            .Concat(inClosure.Select(e => (e.Id, Key: (e.CreatedAt.UtcTicks, e.Id)))).ToDictionary(x => x.Id, x => x.Key);
        var (expected, blocked) = NaiveKahn(keys, inClosure);
        Assert.Equal(expected.Concat(blocked), ids);
        Assert.Equal(string.Join(',', blocked), trace.Metadata.CycleDetails);
        Assert.Equal(onCycle.OrderBy(n => keys[n]), trace.Metadata.CycleNodes);
    }

    /// <summary>Quadratic and obvious: scan every item for the smallest ready one.</summary>
    private static (List<Guid> Ordered, List<Guid> Blocked) NaiveKahn(Dictionary<Guid, (long, Guid)> keys, List<ReasoningEdge> edges)
    {
        var done = new HashSet<Guid>();
        bool Ready(Guid id) => edges.FirstOrDefault(e => e.Id == id) is { } edge
            ? done.Contains(edge.From)
            : edges.Where(e => e.To == id).All(e => done.Contains(e.Id));
        var ordered = new List<Guid>();
        while (keys.Keys.Where(id => !done.Contains(id) && Ready(id)).OrderBy(id => keys[id]).Take(1).ToList() is [var next])
        {
            done.Add(next);
            ordered.Add(next);
        }

        return (ordered, [.. keys.Keys.Where(id => !done.Contains(id)).OrderBy(id => keys[id])]);
    }

    private static bool NodeOnCycle(Guid node, List<ReasoningEdge> edges)
    {
        var seen = new HashSet<Guid>();
        var stack = new Stack<Guid>(edges.Where(e => e.From == node).Select(e => e.To));
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (v == node)
            {
                return true;
            }

            if (seen.Add(v))
            {
                foreach (var e in edges.Where(e => e.From == v))
                {
                    stack.Push(e.To);
                }
            }
        }

        return false;
    }
}
