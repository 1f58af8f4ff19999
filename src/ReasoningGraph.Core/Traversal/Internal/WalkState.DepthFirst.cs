using System.Runtime.InteropServices;

namespace ReasoningGraph.Traversal.Internal;

internal sealed partial class WalkState
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

        int end = (int)Math.Min((long)position + pageSize, _nodes.Count);
        var steps = new List<TraversalStep>();
        var edges = new List<TraversedEdge>();
        for (int i = position; i < end; i++)
        {
            var visit = _nodes[_dfsOrder![i]];
            steps.Add(new TraversalStep(visit.Node, visit.Depth));
            edges.AddRange(CollectionsMarshal.AsSpan(_edges).Slice(visit.EdgeStart, visit.EdgeCount));
        }

        bool cycle = end > position && _dfsFirstCycleEdges <= _dfsEdgesThrough![end - 1];
        return (steps, edges, cycle, end < _nodes.Count);
    }

    private void BuildDepthFirstOrder()
    {
        // Children: the nodes first reached through an edge of the parent (its non-revisit edges), which come
        // in ascending walk position because each level is sorted by (createdAt, id).
        var children = new List<int>?[_nodes.Count];
        for (int parent = 0; parent < _nodes.Count; parent++)
        {
            var visit = _nodes[parent];
            for (int e = visit.EdgeStart; e < visit.EdgeStart + visit.EdgeCount; e++)
            {
                var edge = _edges[e];
                if (!edge.Revisit)
                {
                    var far = Query.Direction == TraversalDirection.Descendants ? edge.Edge.To : edge.Edge.From;
                    (children[parent] ??= []).Add(_index[far]);
                }
            }

            children[parent]?.Sort();
        }

        var order = new int[_nodes.Count];
        var through = new int[_nodes.Count];
        var cycles = new CycleDetector();
        int count = 0, edgeCount = 0, firstCycle = int.MaxValue;
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            order[count] = node;
            var visit = _nodes[node];
            for (int e = visit.EdgeStart; e < visit.EdgeStart + visit.EdgeCount; e++)
            {
                edgeCount++;
                var edge = _edges[e].Edge;
                if (firstCycle == int.MaxValue)
                {
                    int from = _index[edge.From], to = _index[edge.To];
                    if (cycles.AddEdge(from, _nodes[from].Node.Seq, to, _nodes[to].Node.Seq))
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
