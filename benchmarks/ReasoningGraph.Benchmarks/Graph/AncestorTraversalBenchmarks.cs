using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Options;
using ReasoningGraph.Benchmarks.Baselines;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Traversal;
using ReasoningGraph.Model;

namespace ReasoningGraph.Benchmarks.Graph;

/// <summary>
/// The whole ancestor closure of a root in the 1M-node / 3M-edge graph: every page of 1,000 through the public
/// <see cref="IReasoningGraph.TraceAsync"/>, against the Go service's per-node walk. edges/s counts the edges
/// followed (every edge entering a closure node).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class AncestorTraversalBenchmarks
{
    private const int Depth = 1_000;
    private static readonly IOptions<ReasoningGraphOptions> Settings = Options.Create(new ReasoningGraphOptions { MaxTraversalDepth = Depth });
    private GraphFixture _graph = null!;
    private Closure _closure;
    private Guid _root;

    [Params(1_000, 10_000, 100_000)]
    public int ClosureNodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _graph = GraphFixture.Instance;
        _closure = GraphRoots.ByClosureNodes(ClosureNodes);
        _root = GraphInputs.NodeId(_closure.Root);
        var (nodes, edges, cycle) = WalkAllPages().GetAwaiter().GetResult();
        var baseline = PerNodeTraversal.AncestorsAsync(_graph.Store, _root, Depth).GetAwaiter().GetResult();
        Console.WriteLine($"// {_closure}; walk: {nodes} nodes, {edges} edges, cycle {cycle}; baseline: {baseline}");
        if (nodes != _closure.Nodes || edges != _closure.Edges || baseline != (nodes, edges))
        {
            throw new InvalidOperationException("The walks do not cover the closure.");
        }
    }

    [Benchmark(Baseline = true, Description = "Go shape: 3 store calls per node")]
    public async Task<long> PerNode() => (await PerNodeTraversal.AncestorsAsync(_graph.Store, _root, Depth)).Edges;

    [Benchmark(Description = "TraceAsync, all pages of 1,000")]
    public async Task<long> Trace() => (await WalkAllPages()).Edges;

    /// <summary>A new service each time, so its walk cache starts empty and the walk is really done.</summary>
    private async Task<(int Nodes, long Edges, bool Cycle)> WalkAllPages()
    {
        var graph = new ReasoningGraphService(Settings, _graph.Store);
        int nodes = 0;
        long edges = 0;
        TraversalPage page;
        string? cursor = null;
        do
        {
            page = await graph.TraceAsync(_root, TraversalDirection.Ancestors, new TraversalOptions { Depth = Depth, PageSize = 1_000, Cursor = cursor });
            nodes += page.Steps.Count;
            edges += page.Edges.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return (nodes, edges, page.CycleDetected);
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RateColumn("edges/s", "Edges followed per second (edges entering the closure's nodes)",
            c => GraphRoots.ByClosureNodes((int)c.Parameters["ClosureNodes"]).Edges));
    }
}
