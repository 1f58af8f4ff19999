namespace ReasoningGraph.Primitives;

/// <summary>The nodes that lie on a directed cycle: members of a strongly connected component of two or more nodes, or with a self-loop (iterative Tarjan).</summary>
internal static class CycleNodes
{
    /// <summary>A node's successors.</summary>
    public delegate ReadOnlySpan<int> Successors(int node);

    /// <param name="nodeCount">Nodes are 0 … nodeCount-1.</param>
    /// <param name="successors">Adjacency by node.</param>
    /// <returns>A flag per node.</returns>
    public static bool[] Find(int nodeCount, Successors successors)
    {
        var onCycle = new bool[nodeCount];
        var index = new int[nodeCount];
        var low = new int[nodeCount];
        var onStack = new bool[nodeCount];
        var stackDepth = new int[nodeCount];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var work = new Stack<(int Node, int Next)>();
        int counter = 0;
        for (int start = 0; start < nodeCount; start++)
        {
            if (index[start] >= 0)
            {
                continue;
            }

            work.Push((start, 0));
            while (work.Count > 0)
            {
                var (v, next) = work.Pop();
                if (next == 0)
                {
                    index[v] = low[v] = counter++;
                    stackDepth[v] = stack.Count;
                    stack.Push(v);
                    onStack[v] = true;
                }

                var edges = successors(v);
                bool descended = false;
                for (int i = next; i < edges.Length; i++)
                {
                    int w = edges[i];
                    if (w == v)
                    {
                        onCycle[v] = true;
                    }

                    if (index[w] < 0)
                    {
                        work.Push((v, i + 1));
                        work.Push((w, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[v] == index[v])
                {
                    // v's component is v and everything above it on the stack; more than one node is a cycle.
                    bool cycle = stack.Count - stackDepth[v] > 1;
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        onCycle[w] |= cycle;
                    }
                    while (w != v);
                }

                if (work.Count > 0)
                {
                    int parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        return onCycle;
    }
}
