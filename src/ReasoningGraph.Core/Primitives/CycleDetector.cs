namespace ReasoningGraph.Primitives;

/// <summary>
/// Detects the first directed cycle while edges are added one at a time (Pearce–Kelly dynamic topological
/// order): a topological order of the graph so far is maintained, and only an edge that contradicts it triggers
/// a search bounded to the nodes between its endpoints in that order. Once a cycle is found it stays found.
/// A node enters the order at the place its caller suggests (the node's <c>seq</c>): reasoning is mostly written
/// cause first, so edges then agree with the order from the start and need no search — whereas placing nodes in
/// the order a walk meets them contradicts most edges of an ancestors walk and costs a search each.
/// Nodes are small dense integers chosen by the caller (a walk's positions), so every lookup is an array index.
/// </summary>
internal sealed class CycleDetector
{
    private const long Unplaced = long.MinValue;
    private long[] _order = [];
    private List<int>?[] _out = [];
    private List<int>?[] _in = [];
    private int[] _mark = [];
    private int _stamp;

    public bool HasCycle { get; private set; }

    /// <summary>Adds the edge <paramref name="from"/> → <paramref name="to"/>; returns whether the graph now has a cycle.</summary>
    /// <param name="from">The source node (a small non-negative integer).</param>
    /// <param name="fromPlace">Where the source goes in the order if it is new (its <c>seq</c>).</param>
    /// <param name="to">The target node.</param>
    /// <param name="toPlace">Where the target goes in the order if it is new (its <c>seq</c>).</param>
    public bool AddEdge(int from, long fromPlace, int to, long toPlace)
    {
        if (HasCycle)
        {
            return true;
        }

        if (from == to)
        {
            return HasCycle = true;
        }

        Place(from, fromPlace);
        Place(to, toPlace);
        (_out[from] ??= []).Add(to);
        (_in[to] ??= []).Add(from);
        long lower = _order[to], upper = _order[from];
        if (lower > upper)
        {
            return false;
        }

        _stamp += 2;
        var forward = Search(to, _out, o => o <= upper, target: from);
        if (forward is null)
        {
            return HasCycle = true;
        }

        var backward = Search(from, _in, o => o >= lower, target: -1)!;
        Reorder(backward, forward);
        return false;
    }

    private void Place(int node, long place)
    {
        if (node >= _order.Length)
        {
            int size = Math.Max(node + 1, _order.Length * 2);
            int old = _order.Length;
            Array.Resize(ref _order, size);
            Array.Fill(_order, Unplaced, old, size - old);
            Array.Resize(ref _out, size);
            Array.Resize(ref _in, size);
            Array.Resize(ref _mark, size);
        }

        if (_order[node] == Unplaced)
        {
            _order[node] = place;
        }
    }

    /// <summary>Nodes reachable from <paramref name="start"/> within the order bound; null when <paramref name="target"/> is reached.</summary>
    private List<int>? Search(int start, List<int>?[] edges, Func<long, bool> withinBound, int target)
    {
        int stamp = target < 0 ? _stamp + 1 : _stamp;
        var found = new List<int> { start };
        var stack = new Stack<int>();
        stack.Push(start);
        _mark[start] = stamp;
        while (stack.Count > 0)
        {
            foreach (int next in edges[stack.Pop()] ?? [])
            {
                if (next == target)
                {
                    return null;
                }

                if (_mark[next] != stamp && withinBound(_order[next]))
                {
                    _mark[next] = stamp;
                    found.Add(next);
                    stack.Push(next);
                }
            }
        }

        return found;
    }

    /// <summary>Moves every node that reaches the new edge's source before every node its target reaches, reusing their slots.</summary>
    private void Reorder(List<int> backward, List<int> forward)
    {
        backward.Sort((a, b) => _order[a].CompareTo(_order[b]));
        forward.Sort((a, b) => _order[a].CompareTo(_order[b]));
        var slots = new List<long>(backward.Count + forward.Count);
        slots.AddRange(backward.Select(n => _order[n]));
        slots.AddRange(forward.Select(n => _order[n]));
        slots.Sort();
        int i = 0;
        foreach (int node in backward)
        {
            _order[node] = slots[i++];
        }

        foreach (int node in forward)
        {
            _order[node] = slots[i++];
        }
    }
}
