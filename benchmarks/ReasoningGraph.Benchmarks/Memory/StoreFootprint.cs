using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Benchmarks.Memory;

/// <summary>
/// Retained bytes of the in-memory store per node and per edge at 1M nodes / 3M edges, payload excluded: the
/// tiny payloads (and no metadata) are parsed before the first measurement and kept alive by the caller, so the
/// deltas of <see cref="GC.GetTotalMemory(bool)"/> (after a full collection) are the store's own. Nodes are loaded
/// first, then edges, both in batches of 10,000 through <see cref="InMemoryGraphStore.AppendAsync"/>.
/// </summary>
public static class StoreFootprint
{
    public static void Run()
    {
        var graph = GeneratedGraph.Instance;
        PrintGraph(graph);

        long start = GC.GetTotalMemory(forceFullCollection: true);
        var payloads = new JsonElement[GeneratedGraph.NodeCount];
        long payloadJson = 0;
        for (int n = 0; n < payloads.Length; n++)
        {
            string json = GraphInputs.TinyPayload(n);
            payloadJson += json.Length;
            payloads[n] = JsonElement.Parse(json);
        }

        long withPayloads = GC.GetTotalMemory(forceFullCollection: true);
        var store = new InMemoryGraphStore();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        GraphFixture.Load(store, Enumerable.Range(0, GeneratedGraph.NodeCount).Select(n => (GraphItemInput)GraphInputs.Node(graph, n, payloads[n], metadata: false)));
        var nodeTime = watch.Elapsed;
        long afterNodes = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        GraphFixture.Load(store, Enumerable.Range(0, GeneratedGraph.NodeCount).SelectMany(n =>
            Enumerable.Range(graph.FirstEdge[n], graph.FirstEdge[n + 1] - graph.FirstEdge[n]).Select(e => (GraphItemInput)GraphInputs.Edge(graph, e, n))));
        var edgeTime = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        long afterEdges = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(store);
        GC.KeepAlive(payloads);

        double perNode = (afterNodes - before) / (double)GeneratedGraph.NodeCount;
        double perEdge = (afterEdges - afterNodes) / (double)GeneratedGraph.EdgeCount;
        Console.WriteLine(Invariant($"""

            | what | retained | per item |
            |---|---:|---:|
            | payloads ({GeneratedGraph.NodeCount:N0} tiny JSON objects, {payloadJson:N0} bytes of JSON), held by the caller | {Mb(withPayloads - start)} | {(withPayloads - start) / (double)GeneratedGraph.NodeCount:F1} B per node |
            | store after {GeneratedGraph.NodeCount:N0} nodes (payload excluded) | {Mb(afterNodes - before)} | **{perNode:F1} B per node** |
            | store growth for {GeneratedGraph.EdgeCount:N0} edges | {Mb(afterEdges - afterNodes)} | **{perEdge:F1} B per edge** |
            | whole store (payload excluded) | {Mb(afterEdges - before)} | |

            Load: nodes {nodeTime.TotalSeconds:F1} s ({GeneratedGraph.NodeCount / nodeTime.TotalSeconds:N0}/s), edges {edgeTime.TotalSeconds:F1} s ({GeneratedGraph.EdgeCount / edgeTime.TotalSeconds:N0}/s), CPU {cpu.TotalSeconds:F1} s, batches of {GraphFixture.BatchSize:N0}.
            """));
    }

    private static void PrintGraph(GeneratedGraph graph)
    {
        var inDegree = new int[GeneratedGraph.NodeCount];
        var outDegree = new int[GeneratedGraph.NodeCount];
        for (int e = 0; e < GeneratedGraph.EdgeCount; e++)
        {
            inDegree[graph.EdgeTo[e]]++;
            outDegree[graph.EdgeFrom[e]]++;
        }

        int backEdges = Enumerable.Range(0, GeneratedGraph.EdgeCount).Count(e => graph.EdgeFrom[e] > graph.EdgeTo[e]);
        Console.WriteLine(Invariant($"Graph: {GeneratedGraph.NodeCount:N0} nodes, {GeneratedGraph.EdgeCount:N0} edges ({backEdges:N0} back edges closing cycles)"));
        Console.WriteLine($"in-degree:  {Percentiles(inDegree)}");
        Console.WriteLine($"out-degree: {Percentiles(outDegree)}");
        foreach (int nodes in new[] { 1_000, 10_000, 100_000 })
        {
            Console.WriteLine($"closure ~{nodes} nodes: {GraphRoots.ByClosureNodes(nodes)}");
        }

        foreach (int items in new[] { 1_000, 10_000 })
        {
            var c = GraphRoots.ByTraceItems(items);
            Console.WriteLine($"trace ~{items} items: {c} items={c.Items}");
        }
    }

    private static string Percentiles(int[] values)
    {
        var sorted = values.Order().ToArray();
        int At(double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
        return Invariant($"mean {values.Average():F2}, zero {values.Count(v => v == 0) / (double)values.Length:P0}, p50 {At(0.5)}, p90 {At(0.9)}, p99 {At(0.99)}, p99.9 {At(0.999)}, max {sorted[^1]}");
    }

    private static string Mb(long bytes) => Invariant($"{bytes / 1e6:F1} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
