using ReasoningGraph.Primitives;

namespace ReasoningGraph.Traversal.Internal;

internal abstract partial class WalkState<TNode, TEdge>
{
    private int[]? _dfsOrder;
    private int[]? _dfsEdgesThrough;
    private int _dfsFirstCycleEdges;

    /// <summary>A page of the pre-order of the minimum-depth tree (needs the complete walk).</summary>
    private (List<TraversalStep>, List<TraversedEdge>, bool, bool) DepthFirstPage(int position, int pageSize)
    {
        if (_dfsOrder is null)
        {
            BuildDepthFirstOrder();
        }

        int end = (int)Math.Min((long)position + pageSize, NodeCount);
        var steps = new List<TraversalStep>();
        var edges = new List<TraversedEdge>();
        for (int i = position; i < end; i++)
        {
            AddToPage(_dfsOrder![i], steps, edges);
        }

        bool cycle = end > position && _dfsFirstCycleEdges <= _dfsEdgesThrough![end - 1];
        return (steps, edges, cycle, end < NodeCount);
    }

    private void BuildDepthFirstOrder()
    {
        // Children: the nodes first reached through an edge of the parent (its non-revisit edges), which come
        // in ascending walk position because each level is sorted by (createdAt, id).
        var children = new List<int>?[NodeCount];
        for (int parent = 0; parent < NodeCount; parent++)
        {
            for (int e = _edgeStart[parent]; e < _edgeStart[parent] + _edgeCount[parent]; e++)
            {
                if (!_revisit[e])
                {
                    (children[parent] ??= []).Add(_far[e]);
                }
            }

            children[parent]?.Sort();
        }

        var order = new int[NodeCount];
        var through = new int[NodeCount];
        var cycles = new CycleDetector();
        int count = 0, edgeCount = 0, firstCycle = int.MaxValue;
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            order[count] = node;
            for (int e = _edgeStart[node]; e < _edgeStart[node] + _edgeCount[node]; e++)
            {
                edgeCount++;
                if (firstCycle == int.MaxValue)
                {
                    var (from, to) = Descendants ? (node, _far[e]) : (_far[e], node);
                    if (cycles.AddEdge(from, _seq[from], to, _seq[to]))
                    {
                        firstCycle = edgeCount;
                    }
                }
            }

            through[count++] = edgeCount;
            if (children[node] is { } list)
            {
                for (int c = list.Count - 1; c >= 0; c--)
                {
                    stack.Push(list[c]);
                }
            }
        }

        _dfsOrder = order;
        _dfsEdgesThrough = through;
        _dfsFirstCycleEdges = firstCycle;
    }
}
