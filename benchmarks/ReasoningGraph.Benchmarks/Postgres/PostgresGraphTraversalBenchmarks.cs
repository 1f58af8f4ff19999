using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.Options;
using ReasoningGraph.Benchmarks.Baselines;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Traversal;
using ReasoningGraph.Model;

namespace ReasoningGraph.Benchmarks.Postgres;

/// <summary>
/// Reads of the 1M-node / 3M-edge graph in PostgreSQL (<see cref="PostgresGraph1M"/>, imported by
/// <c>postgres-import</c>): the whole ancestor closure of a root with about 1,000 or 10,000 nodes, every page of
/// 1,000 through the public <see cref="IReasoningGraph.TraceAsync"/>, and the ordered causal trace of the 1,000-node
/// closure; each against the Go service's pattern on the same database (node, incoming edges and outgoing edges
/// fetched per visited node). Each iteration is one operation, so P50/P95 are per-operation latencies.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PostgresGraphTraversalBenchmarks
{
    private const int Depth = 1_000;
    private static readonly IOptions<ReasoningGraphOptions> Settings = Options.Create(new ReasoningGraphOptions { MaxTraversalDepth = Depth });
    private PostgresGraphStore _store = null!;
    private Guid _root;

    [Params(1_000, 10_000)]
    public int ClosureNodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = PostgresGraph1M.OpenAsync().GetAwaiter().GetResult();
        var closure = GraphRoots.ByClosureNodes(ClosureNodes);
        _root = GraphInputs.NodeId(closure.Root);
        var (nodes, edges) = WalkAllPages().GetAwaiter().GetResult();
        var baseline = PerNodeTraversal.AncestorsAsync(_store, _root, Depth).GetAwaiter().GetResult();
        var trace = NewService().GetCausalTraceAsync(_root).GetAwaiter().GetResult();
        Console.WriteLine($"// {closure}; walk: {nodes} nodes, {edges} edges; baseline: {baseline}; causal trace: {trace.OrderedPath.Count} items, truncated {trace.Metadata.Truncated}");
        if (nodes != closure.Nodes || edges != closure.Edges || baseline != (nodes, edges))
        {
            throw new InvalidOperationException("The walks do not cover the closure.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, Description = "Go pattern: 3 queries per visited node")]
    public async Task<long> PerNode() => (await PerNodeTraversal.AncestorsAsync(_store, _root, Depth)).Edges;

    [Benchmark(Description = "TraceAsync ancestors, all pages of 1,000")]
    public async Task<long> Trace() => (await WalkAllPages()).Edges;

    /// <summary>The same walk with one frontier statement per level (the closure fetch hidden from the walk).</summary>
    [Benchmark(Description = "TraceAsync ancestors, level by level")]
    public async Task<long> TraceLevelByLevel() => (await WalkAllPages(new LevelByLevelStore(_store))).Edges;

    /// <summary>The ordered causal trace of the same root (the 10,000-node closure exceeds the default 10,000-item limit and is truncated).</summary>
    [Benchmark(Description = "GetCausalTraceAsync (ordered trace)")]
    public async Task<int> OrderedTrace() => (await NewService().GetCausalTraceAsync(_root)).OrderedPath.Count;

    /// <summary>A new service each time, so its walk cache starts empty and the walk really reaches the database.</summary>
    private ReasoningGraphService NewService(IReasoningGraphStore? store = null) => new(Settings, store ?? _store);

    private async Task<(int Nodes, long Edges)> WalkAllPages(IReasoningGraphStore? store = null)
    {
        var graph = NewService(store);
        int nodes = 0;
        long edges = 0;
        string? cursor = null;
        do
        {
            var page = await graph.TraceAsync(_root, TraversalDirection.Ancestors, new TraversalOptions { Depth = Depth, PageSize = 1_000, Cursor = cursor });
            nodes += page.Steps.Count;
            edges += page.Edges.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return (nodes, edges);
    }

    /// <summary>
    /// One operation per iteration (no pilot batching): a 10,000-node per-node walk takes seconds. Six warm-ups, so
    /// the measured iterations run the statements prepared (Npgsql auto-prepares a statement on its fifth use), as a
    /// long-running service does; 20 iterations, so P95 is not simply the slowest one.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(20));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
        }
    }
}
