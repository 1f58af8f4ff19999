using System.Diagnostics;
using System.Globalization;
using ReasoningGraph.Benchmarks.Graph;
using ReasoningGraph.Model;

namespace ReasoningGraph.Benchmarks.Profiling;

/// <summary>
/// CPU time per operation of the graph workloads (process CPU time over a fixed number of runs, after a warm-up):
/// steadier than wall time on a shared machine, for A/B comparisons of a change. Not a substitute for the tables.
/// </summary>
public static class CpuProbe
{
    public static void Run(string scenario, int size, int runs)
    {
        Func<Task<long>> workload = scenario switch
        {
            "walk" => Traversal(size, baseline: false),
            "walk-dag" => DagWalk(size),
            "walk-baseline" => Traversal(size, baseline: true),
            "pg-walk" => PostgresTraversal(size),
            "pg-snapshot" => PostgresSnapshot(size),
            "frontier" => Frontiers(size),
            "resolve" => Resolve(size),
            "trace" => CausalTrace(size, baseline: false),
            "trace-baseline" => CausalTrace(size, baseline: true),
            "append-audited" => AuditedAppend(size),
            _ => throw new ArgumentException($"unknown scenario {scenario}", nameof(scenario)),
        };

        long result = 0;
        for (int i = 0; i < Math.Max(3, runs / 10); i++)
        {
            result = workload().GetAwaiter().GetResult();
        }

        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var times = new double[runs];
        var walls = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var before = process.TotalProcessorTime;
            long started = Stopwatch.GetTimestamp();
            workload().GetAwaiter().GetResult();
            walls[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            process.Refresh();
            times[i] = (process.TotalProcessorTime - before).TotalMilliseconds;
        }

        // Per-run CPU time: the minimum and median are steadier than the mean on a busy machine.
        Array.Sort(times);
        Array.Sort(walls);

        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario} {size} (result {result}): CPU {cpuMs:F3} ms/op, wall {watch.Elapsed.TotalMilliseconds / runs:F3} ms/op, gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2} over {runs} runs; CPU per run min {times[0]:F3}, p10 {times[runs / 10]:F3}, p25 {times[runs / 4]:F3}, median {times[runs / 2]:F3} ms; wall per run min {walls[0]:F3}, p10 {walls[runs / 10]:F3} ms"));
    }

    /// <summary>
    /// A walk over a DAG (no cycle, so cycle detection runs to the end): the ancestors of the last of n nodes with 3
    /// earlier parents each (half of them among the 64 previous nodes, half anywhere).
    /// </summary>
    private static Func<Task<long>> DagWalk(int n)
    {
        var store = new Storage.InMemory.InMemoryGraphStore();
        var random = new Random(7);
        var ids = Enumerable.Range(0, n).Select(i => Guid.CreateVersion7()).ToArray();
        var batch = new Model.GraphBatch();
        for (int i = 0; i < n; i++)
        {
            batch.Add(new Model.NodeInput { Id = ids[i], Type = "observation", Author = "a", Payload = System.Text.Json.JsonElement.Parse("{}") });
            foreach (int parent in Enumerable.Range(0, i == 0 ? 0 : 3).Select(_ => random.Next(2) == 0 ? random.Next(i) : i - 1 - random.Next(Math.Min(i, 64))).Distinct())
            {
                batch.Add(new Model.EdgeInput { Id = Guid.CreateVersion7(), From = ids[parent], To = ids[i], Type = "causal" });
            }
        }

        store.AppendAsync(batch).GetAwaiter().GetResult();
        var settings = Microsoft.Extensions.Options.Options.Create(new ReasoningGraphOptions { MaxTraversalDepth = 10_000 });
        return async () =>
        {
            var graph = new ReasoningGraphService(settings, store);
            long edges = 0;
            string? cursor = null;
            do
            {
                var page = await graph.TraceAsync(ids[^1], ReasoningGraph.Model.TraversalDirection.Ancestors, new() { Depth = 10_000, PageSize = 1_000, Cursor = cursor });
                edges += page.Edges.Count;
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            return edges;
        };
    }

    private static Func<Task<long>> Traversal(int size, bool baseline)
    {
        var benchmarks = new AncestorTraversalBenchmarks { ClosureNodes = size };
        benchmarks.Setup();
        return baseline ? benchmarks.PerNode : benchmarks.Trace;
    }

    /// <summary>The walk through PostgreSQL (after <c>postgres-import</c>): CPU is the client's share, wall includes the server.</summary>
    private static Func<Task<long>> PostgresTraversal(int size)
    {
        var benchmarks = new Postgres.PostgresGraphTraversalBenchmarks { ClosureNodes = size };
        benchmarks.Setup();
        ReportActivities();
        return benchmarks.Trace;
    }

    /// <summary>One snapshot end to end on PostgreSQL (its table emptied after each run, as in the benchmark).</summary>
    private static Func<Task<long>> PostgresSnapshot(int size)
    {
        var benchmarks = new Snapshots.PostgresSnapshotBenchmarks { Nodes = size };
        benchmarks.SetupAsync().GetAwaiter().GetResult();
        ReportActivities();
        return async () =>
        {
            long bytes = (await benchmarks.Snapshot()).SignedBytes.Length;
            benchmarks.DeleteSnapshots();
            return bytes;
        };
    }

    /// <summary>Prints the total duration per activity (the library's spans and Npgsql's, one per statement) at exit.</summary>
    private static void ReportActivities()
    {
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, (double Ms, int Count)>();
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("ReasoningGraph", StringComparison.Ordinal) || source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => totals.AddOrUpdate(
                a.Source.Name == "Npgsql" ? "sql " + Statement(a) : a.DisplayName,
                (a.Duration.TotalMilliseconds, 1), (_, t) => (t.Ms + a.Duration.TotalMilliseconds, t.Count + 1)),
        };
        ActivitySource.AddActivityListener(listener);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var (name, (ms, count)) in totals.OrderByDescending(t => t.Value.Ms))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms / count,9:F2} ms x{count,4}  {name}"));
            }
        };
    }

    private static string Statement(Activity activity)
    {
        string text = activity.TagObjects.FirstOrDefault(t => t.Key is "db.statement" or "db.query.text").Value as string ?? string.Join(",", activity.TagObjects.Select(t => t.Key));
        text = text.Replace("\"rg_bench_snapshot\".", string.Empty, StringComparison.Ordinal);
        return text[..Math.Min(90, text.Length)];
    }

    /// <summary>The store's share of a walk: one frontier fetch per level, nothing else.</summary>
    private static Func<Task<long>> Frontiers(int size)
    {
        var store = Support.GraphFixture.Instance.Store;
        var root = Support.GraphInputs.NodeId(Support.GraphRoots.ByClosureNodes(size).Root);
        return async () =>
        {
            var visited = new HashSet<Guid> { root };
            List<Guid> level = [root];
            long edges = 0;
            while (level.Count > 0)
            {
                var frontier = await store.GetFrontierAsync(new Storage.FrontierRequest { NodeIds = level, Direction = ReasoningGraph.Model.TraversalDirection.Ancestors, AsOf = long.MaxValue });
                edges += frontier.Edges.Count;
                level = [.. frontier.FarNodes.Select(n => n.Id).Where(visited.Add)];
            }

            return edges;
        };
    }

    private static Func<Task<long>> Resolve(int size)
    {
        var store = Support.GraphFixture.Instance.Store;
        var graph = Support.GeneratedGraph.Instance;
        var closure = Support.GraphRoots.ByClosureNodes(size);
        var ids = new List<Guid>();
        var seen = new HashSet<int> { closure.Root };
        var queue = new List<int> { closure.Root };
        for (int i = 0; i < queue.Count; i++)
        {
            for (int k = graph.InStart[queue[i]]; k < graph.InStart[queue[i] + 1]; k++)
            {
                if (seen.Add(graph.EdgeFrom[graph.InEdges[k]])) queue.Add(graph.EdgeFrom[graph.InEdges[k]]);
            }
        }

        ids.AddRange(queue.Select(Support.GraphInputs.NodeId));
        return async () => (await store.GetItemsAsync(ids, long.MaxValue)).Count;
    }

    /// <summary>Appends <paramref name="size"/> nodes in batches of 1,000 to a new embedded store with an audit chain signed by a local key.</summary>
    private static Func<Task<long>> AuditedAppend(int size)
    {
        var inputs = Enumerable.Range(0, size).Select(n => new NodeInput
        {
            Id = Guid.CreateVersion7(),
            Type = "observation",
            Author = "agent:planner-1",
            Payload = System.Text.Json.JsonElement.Parse(Support.GraphInputs.RealisticPayload(n)),
        }).ToArray();
        var signer = ReasoningGraph.Signing.Keys.LocalEd25519Signer.Generate("cpu-audit");
        return async () =>
        {
            using var store = new ReasoningGraph.Storage.InMemory.InMemoryGraphStore(new ReasoningGraph.Storage.InMemory.InMemoryStoreOptions(), auditSigner: signer);
            long seq = 0;
            foreach (var chunk in inputs.Chunk(1_000))
            {
                seq = (await store.AppendAsync(new GraphBatch(chunk))).Items[^1].Seq;
            }

            return seq;
        };
    }

    private static Func<Task<long>> CausalTrace(int size, bool baseline)
    {
        var benchmarks = new CausalTraceBenchmarks { Items = size };
        benchmarks.Setup();
        return baseline ? async () => await benchmarks.PerNode() : async () => await benchmarks.Trace();
    }
}
