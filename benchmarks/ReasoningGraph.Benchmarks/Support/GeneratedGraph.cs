namespace ReasoningGraph.Benchmarks.Support;

/// <summary>
/// The topology of the graph-engine benchmarks, as plain arrays (cheap: a second or two, no store): 1M nodes
/// and 3M edges in <c>seq</c> order, deterministic (seed 20261123).
/// </summary>
/// <remarks>
/// Mostly a DAG: edges go from an earlier node (the cause) to a later one. 40% of nodes are sources
/// (observations); the others draw their number of parents from a Pareto tail (α 2.5, so in-degree is skewed:
/// median 3, a few hundred at the top) and pick each parent by preferential attachment (a node is chosen in
/// proportion to 1 + its out-degree) or, half of the time, among the 64 previous nodes. One node in 500 also
/// points back at one of its recent parents: a short cycle. Items are laid out node, then its incoming edges
/// (and its back edge), which is the order the store receives them.
/// </remarks>
public sealed class GeneratedGraph
{
    public const int NodeCount = 1_000_000;
    public const int EdgeCount = 3_000_000;

    private static readonly Lazy<GeneratedGraph> Shared = new(() => new GeneratedGraph(20261123));

    private GeneratedGraph(int seed)
    {
        var random = new Random(seed);
        NodeTypes = new byte[NodeCount];
        int[] parentCount = DrawParentCounts(random, NodeTypes);
        EdgeFrom = new int[EdgeCount];
        EdgeTo = new int[EdgeCount];
        FirstEdge = new int[NodeCount + 1];
        var attachment = new List<int>(NodeCount + EdgeCount);
        var chosen = new HashSet<int>();
        int e = 0;
        for (int node = 0; node < NodeCount; node++)
        {
            FirstEdge[node] = e;
            chosen.Clear();
            while (chosen.Count < parentCount[node])
            {
                int parent = random.Next(2) == 0
                    ? attachment[random.Next(attachment.Count)]
                    : node - 1 - random.Next(Math.Min(node, 64));
                if (chosen.Add(parent))
                {
                    attachment.Add(parent);
                    (EdgeFrom[e], EdgeTo[e]) = (parent, node);
                    e++;
                }
            }

            if (HasBackEdge(node, parentCount))
            {
                // The back edge closes a cycle with the most recent of the node's parents.
                (EdgeFrom[e], EdgeTo[e]) = (node, chosen.Max());
                e++;
            }

            attachment.Add(node);
        }

        FirstEdge[NodeCount] = e;
        if (e != EdgeCount)
        {
            throw new InvalidOperationException($"Generated {e} edges instead of {EdgeCount}.");
        }

        (InStart, InEdges) = IncomingIndex(EdgeTo);
    }

    /// <summary>The graph of this process (built on first use).</summary>
    public static GeneratedGraph Instance => Shared.Value;

    /// <summary>Index into <see cref="NodeDocuments"/>-style node types, per node.</summary>
    public byte[] NodeTypes { get; }

    public int[] EdgeFrom { get; }

    public int[] EdgeTo { get; }

    /// <summary>The edges stored right after node n are <c>FirstEdge[n] .. FirstEdge[n + 1] - 1</c>.</summary>
    public int[] FirstEdge { get; }

    /// <summary>Incoming edges of node n: <c>InEdges[InStart[n] .. InStart[n + 1] - 1]</c>.</summary>
    public int[] InStart { get; }

    public int[] InEdges { get; }

    /// <summary>
    /// The ancestor closure of a node: its nodes, the edges among them (= the edges entering them) and the BFS
    /// depth; null as soon as it has more than <paramref name="maxNodes"/> nodes.
    /// </summary>
    public Closure? AncestorClosure(int root, int maxNodes = int.MaxValue)
    {
        var seen = new HashSet<int> { root };
        var queue = new List<(int Node, int Depth)> { (root, 0) };
        long edges = 0;
        int backEdges = 0;
        for (int head = 0; head < queue.Count; head++)
        {
            var (node, depth) = queue[head];
            for (int i = InStart[node]; i < InStart[node + 1]; i++)
            {
                edges++;
                int from = EdgeFrom[InEdges[i]];
                backEdges += from > node ? 1 : 0;
                if (seen.Add(from))
                {
                    if (queue.Count == maxNodes)
                    {
                        return null;
                    }

                    queue.Add((from, depth + 1));
                }
            }
        }

        return new Closure(root, queue.Count, edges, queue[^1].Depth, backEdges);
    }

    /// <summary>
    /// A node whose ancestor closure is within 1% of <paramref name="target"/> by <paramref name="size"/> (nodes or
    /// items): closure sizes are spread from 1 to about 600k, so a deterministic sample of nodes finds one quickly
    /// (closures of more than <paramref name="maxNodes"/> nodes are abandoned early).
    /// </summary>
    public Closure FindRoot(long target, Func<Closure, long> size, int maxNodes)
    {
        var random = new Random((int)target);
        Closure? best = null;
        for (int tries = 0; tries < 100_000; tries++)
        {
            if (AncestorClosure(random.Next(NodeCount), maxNodes) is not { } closure)
            {
                continue;
            }

            if (best is null || Math.Abs(size(closure) - target) < Math.Abs(size(best.Value) - target))
            {
                best = closure;
            }

            if (Math.Abs(size(closure) - target) <= target / 100)
            {
                break;
            }
        }

        return best ?? throw new InvalidOperationException($"No closure near {target}.");
    }

    private static int[] DrawParentCounts(Random random, byte[] types)
    {
        var counts = new int[NodeCount];
        for (int node = 1; node < NodeCount; node++)
        {
            types[node] = (byte)random.Next(1, 8);
            if (random.Next(10) < 4)
            {
                types[node] = 0;
                continue;
            }

            double pareto = 2.0 / Math.Pow(1.0 - random.NextDouble(), 1.0 / 1.5);
            counts[node] = (int)Math.Min(Math.Min(pareto, 500), node);
        }

        // Trim or pad (one parent at a time, on random non-sources) to exactly the edge budget.
        long budget = EdgeCount - Enumerable.Range(0, NodeCount).Count(n => HasBackEdge(n, counts));
        long total = counts.Sum(c => (long)c);
        while (total != budget)
        {
            int node = random.Next(64, NodeCount);
            if (types[node] == 0 || (total > budget && counts[node] <= 1))
            {
                continue;
            }

            counts[node] += total < budget ? 1 : -1;
            total += total < budget ? 1 : -1;
        }

        return counts;
    }

    private static bool HasBackEdge(int node, int[] parentCount) => node % 500 == 499 && parentCount[node] > 0;

    private static (int[] Start, int[] Edges) IncomingIndex(int[] to)
    {
        var start = new int[NodeCount + 1];
        foreach (int node in to)
        {
            start[node + 1]++;
        }

        for (int n = 0; n < NodeCount; n++)
        {
            start[n + 1] += start[n];
        }

        var fill = start[..NodeCount];
        var edges = new int[to.Length];
        for (int e = 0; e < to.Length; e++)
        {
            edges[fill[to[e]]++] = e;
        }

        return (start, edges);
    }
}

/// <summary>An ancestor closure in the generated graph; each back edge in it closes a cycle.</summary>
public readonly record struct Closure(int Root, int Nodes, long Edges, int Depth, int BackEdges)
{
    /// <summary>Nodes plus edges: the size of the root's ordered causal trace.</summary>
    public long Items => Nodes + Edges;
}
