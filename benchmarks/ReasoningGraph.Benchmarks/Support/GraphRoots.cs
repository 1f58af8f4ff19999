namespace ReasoningGraph.Benchmarks.Support;

/// <summary>The roots the graph-engine benchmarks start from, chosen by the size of their ancestor closure.</summary>
public static class GraphRoots
{
    private static readonly Dictionary<(string, long), Closure> Found = [];

    /// <summary>A root whose ancestor closure has about <paramref name="nodes"/> nodes.</summary>
    public static Closure ByClosureNodes(long nodes) => Find("nodes", nodes, c => c.Nodes);

    /// <summary>
    /// A root whose ordered causal trace has about <paramref name="items"/> items (nodes + edges), not more, so a
    /// trace of 10,000 items fits the default limit untruncated.
    /// </summary>
    public static Closure ByTraceItems(long items) => Find("items", items, c => c.Items <= items ? c.Items : long.MaxValue / 2);

    private static Closure Find(string kind, long target, Func<Closure, long> size)
    {
        lock (Found)
        {
            if (!Found.TryGetValue((kind, target), out var closure))
            {
                Found.Add((kind, target), closure = GeneratedGraph.Instance.FindRoot(target, size));
            }

            return closure;
        }
    }
}
