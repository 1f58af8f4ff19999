using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using ReasoningGraph.Benchmarks.Baselines;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Model;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Benchmarks.Graph;

/// <summary>
/// The ordered causal trace of a root in the 1M-node / 3M-edge graph whose ancestor closure has about 1,000 or
/// 10,000 items (nodes + edges, within the default limit of 10,000), against the Go service's shape.
/// </summary>
[MemoryDiagnoser]
public class CausalTraceBenchmarks
{
    private GraphFixture _graph = null!;
    private ReasoningGraphService _service = null!;
    private Guid _root;

    [Params(1_000, 10_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _graph = GraphFixture.Instance;
        _service = new ReasoningGraphService(Options.Create(new ReasoningGraphOptions()), _graph.Store);
        var closure = GraphRoots.ByTraceItems(Items);
        _root = GraphInputs.NodeId(closure.Root);
        var trace = _service.GetCausalTraceAsync(_root).GetAwaiter().GetResult();
        var baseline = PerNodeCausalTrace.BuildAsync(_graph.Store, _root).GetAwaiter().GetResult();
        Console.WriteLine($"// {closure}; trace: {trace.OrderedPath.Count} items, cycle {trace.Metadata.CycleDetected}, truncated {trace.Metadata.Truncated}");
        if (trace.Metadata.Truncated || trace.OrderedPath.Count != closure.Items
            || !trace.OrderedPath.Select(e => (e.Id, string.Join(',', e.ParentIds))).SequenceEqual(baseline.Select(e => (e.Id, string.Join(',', e.ParentIds)))))
        {
            throw new InvalidOperationException("The trace and the baseline differ.");
        }
    }

    [Benchmark(Baseline = true, Description = "Go shape: per-node closure, re-sorted ready list, edge scans")]
    public async Task<int> PerNode() => (await PerNodeCausalTrace.BuildAsync(_graph.Store, _root)).Count;

    [Benchmark(Description = "GetCausalTraceAsync")]
    public async Task<int> Trace() => (await _service.GetCausalTraceAsync(_root)).OrderedPath.Count;

    /// <summary>The traversal engine's walk of the same closure (every page of 1,000, a fresh walk cache), for the
    /// "ordered trace at least as fast as the walk" comparison within one table.</summary>
    [Benchmark(Description = "TraceAsync of the same closure, all pages of 1,000")]
    public async Task<int> Walk()
    {
        var walker = new ReasoningGraphService(WalkSettings, _graph.Store);
        int count = 0;
        string? cursor = null;
        do
        {
            var page = await walker.TraceAsync(_root, TraversalDirection.Ancestors, new TraversalOptions { Depth = 1_000, PageSize = 1_000, Cursor = cursor });
            count += page.Steps.Count + page.Edges.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return count;
    }

    private static readonly IOptions<ReasoningGraphOptions> WalkSettings = Options.Create(new ReasoningGraphOptions { MaxTraversalDepth = 1_000 });
}
