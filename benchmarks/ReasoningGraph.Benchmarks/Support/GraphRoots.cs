namespace ReasoningGraph.Benchmarks.Support;

/// <summary>The roots the graph-engine benchmarks start from, chosen by the size of their ancestor closure.</summary>
public static class GraphRoots
{
    private static readonly Dictionary<(string, int), Closure> Found = [];

    /// <summary>A root whose ancestor closure has about <paramref name="nodes"/> nodes.</summary>
    public static Closure ByClosureNodes(int nodes) => Find("nodes", nodes, c => c.Nodes, maxNodes: nodes + (nodes / 100) + 1);

    /// <summary>
    /// A root whose ordered causal trace has about <paramref name="items"/> items (nodes + edges), not more, so a
    /// trace of 10,000 items fits the default limit untruncated.
    /// </summary>
    public static Closure ByTraceItems(int items) => Find("items", items, c => c.Items <= items ? c.Items : long.MaxValue / 2, maxNodes: (items / 2) + 1);

    private static Closure Find(string kind, int target, Func<Closure, long> size, int maxNodes)
    {
        lock (Found)
        {
            if (!Found.TryGetValue((kind, target), out var closure))
            {
                Found.Add((kind, target), closure = GeneratedGraph.Instance.FindRoot(target, size, maxNodes));
            }

            return closure;
        }
    }
}
