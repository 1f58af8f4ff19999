namespace ReasoningGraph;

/// <summary>
/// Detects the first directed cycle while edges are added one at a time (Pearce–Kelly dynamic topological
/// order): a topological order of the graph so far is maintained, and only an edge that contradicts it triggers
/// a search bounded to the nodes between its endpoints in that order. Once a cycle is found it stays found.
/// A node enters the order at the place its caller suggests (the node's <c>seq</c>): reasoning is mostly written
/// cause first, so edges then agree with the order from the start and need no search — whereas placing nodes in
/// the order a walk meets them contradicts most edges of an ancestors walk and costs a search each.
/// </summary>
internal sealed class CycleDetector
{
    private readonly Dictionary<Guid, int> _index = [];
    private readonly List<long> _order = [];
    private readonly List<List<int>?> _out = [];
    private readonly List<List<int>?> _in = [];
    private readonly List<int> _mark = [];
    private int _stamp;

    public bool HasCycle { get; private set; }

    /// <summary>Adds the edge <paramref name="from"/> → <paramref name="to"/>; returns whether the graph now has a cycle.</summary>
    /// <param name="from">The source node.</param>
    /// <param name="fromPlace">Where the source goes in the order if it is new (its <c>seq</c>).</param>
    /// <param name="to">The target node.</param>
    /// <param name="toPlace">Where the target goes in the order if it is new (its <c>seq</c>).</param>
    public bool AddEdge(Guid from, long fromPlace, Guid to, long toPlace)
    {
        if (HasCycle)
        {
            return true;
        }

        if (from == to)
        {
            return HasCycle = true;
        }

        int x = Node(from, fromPlace), y = Node(to, toPlace);
        (_out[x] ??= []).Add(y);
        (_in[y] ??= []).Add(x);
        long lower = _order[y], upper = _order[x];
        if (lower > upper)
        {
            return false;
        }

        _stamp += 2;
        var forward = Search(y, _out, o => o <= upper, target: x);
        if (forward is null)
        {
            return HasCycle = true;
        }

        var backward = Search(x, _in, o => o >= lower, target: -1)!;
        Reorder(backward, forward);
        return false;
    }

    private int Node(Guid id, long place)
    {
        if (!_index.TryGetValue(id, out int node))
        {
            node = _order.Count;
            _index.Add(id, node);
            _order.Add(place);
            _out.Add(null);
            _in.Add(null);
            _mark.Add(0);
        }

        return node;
    }

    /// <summary>Nodes reachable from <paramref name="start"/> within the order bound; null when <paramref name="target"/> is reached.</summary>
    private List<int>? Search(int start, List<List<int>?> edges, Func<long, bool> withinBound, int target)
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
