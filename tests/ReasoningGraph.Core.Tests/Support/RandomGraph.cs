using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Tests.Support;

/// <summary>
/// A small random graph: few distinct timestamps (many ties), optional confidences and weights, two edge types,
/// self-loops, parallel edges, cycles, diamonds and disconnected parts all occur.
/// </summary>
public sealed record RandomGraph(Guid[] Ids, int[] NodeTimes, double?[] Confidence, RandomEdge[] Edges, int Root)
{
    public static readonly string[] EdgeTypes = ["causal", "supports"];

    public static Gen<RandomGraph> Generator { get; } =
        from n in Gen.Choose(1, 10)
        from ids in ArbMap.Default.GeneratorFor<Guid>().ArrayOf(n)
        from times in Gen.Choose(0, 3).ArrayOf(n)
        from confidence in Gen.Elements<double?>(null, 0.0, 0.5, 0.9, 1.0).ArrayOf(n)
        from edgeCount in Gen.Choose(0, 3 * n)
        from edges in RandomEdge.Generator(n).ArrayOf(edgeCount)
        from root in Gen.Choose(0, n - 1)
        where ids.Distinct().Count() == n
        select new RandomGraph(ids, times, confidence, edges, root);

    public static Arbitrary<RandomGraph> Arbitrary => Generator.ToArbitrary();

    /// <summary>What one unit of <see cref="NodeTimes"/> and <see cref="RandomEdge.Time"/> is worth (one second unless set).</summary>
    public TimeSpan TimeStep { get; init; } = TimeSpan.FromSeconds(1);

    public IEnumerable<GraphItemInput> Inputs()
    {
        var start = TestGraph.Start;
        for (int i = 0; i < Ids.Length; i++)
        {
            yield return Items.Node(Ids[i], createdAt: start + (TimeStep * NodeTimes[i]),
                metadata: Confidence[i] is { } c ? $"{{\"confidence\":{c.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}" : null);
        }

        foreach (var edge in Edges)
        {
            yield return new EdgeInput
            {
                Id = edge.Id, From = Ids[edge.From], To = Ids[edge.To], Type = EdgeTypes[edge.Type], Weight = edge.Weight,
                CreatedAt = start + (TimeStep * edge.Time),
            };
        }
    }

    /// <summary>The stored graph, through a service whose store is exposed for counting and appends (see <see cref="TestGraph"/> for <paramref name="indexed"/>).</summary>
    public async Task<TestGraph> BuildAsync(Action<ReasoningGraphOptions>? configure = null, bool indexed = false)
    {
        var graph = new TestGraph(configure, indexed: indexed);
        await graph.Service.ImportAsync(new GraphBatch(Inputs()));
        return graph;
    }

    public override string ToString() =>
        $"nodes={Ids.Length} root={Root} step={TimeStep.TotalDays:F0}d times=[{string.Join(',', NodeTimes)}] conf=[{string.Join(',', Confidence)}] edges=[{string.Join(' ', Edges.Select(e => e.ToString()))}]";
}

public sealed record RandomEdge(Guid Id, int From, int To, int Type, double? Weight, int Time)
{
    public static Gen<RandomEdge> Generator(int nodes) =>
        from source in Gen.Choose(0, nodes - 1)
        from target in Gen.Choose(0, nodes - 1)
        from type in Gen.Choose(0, 1)
        from weight in Gen.Elements<double?>(null, 0.25, 0.5, 1.0)
        from time in Gen.Choose(0, 3)
        select new RandomEdge(Guid.NewGuid(), source, target, type, weight, time);

    public override string ToString() => $"{From}>{To}:{Type}:{Weight}@{Time}";
}
