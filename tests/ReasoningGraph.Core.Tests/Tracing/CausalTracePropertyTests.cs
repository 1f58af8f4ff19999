using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Tests.Traversal;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Tests.Tracing;

public sealed class CausalTracePropertyTests
{
    [Fact]
    public void OrderedTrace_HoldsTheClosureOnceAndIsTopologicalWhenAcyclic() =>
        Prop.ForAll(RandomGraph.Arbitrary, g => CheckAsync(g).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    private static async Task CheckAsync(RandomGraph random)
    {
        var graph = await random.BuildAsync();
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
