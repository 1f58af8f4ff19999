using ReasoningGraph.Model;

namespace ReasoningGraph.Tracing;

/// <summary>
/// The closure's items as a graph over their positions, in flat arrays: for each edge its from- and to-node, for
/// each node its outgoing and incoming edges (compressed rows), and every item's rank in (createdAt, id) order, so
/// the ordering compares integers instead of (ticks, id) pairs.
/// </summary>
internal sealed class ItemGraph
{
    private readonly List<GraphItem> _items;
    private readonly int[] _outStart;
    private readonly int[] _outEdges;
    private readonly int[] _inStart;
    private readonly int[] _inEdges;

    public ItemGraph(List<GraphItem> items)
    {
        _items = items;
        int count = items.Count;
        var position = new Dictionary<Guid, int>(count);
        Source = new int[count];
        Target = new int[count];
        for (int i = 0; i < count; i++)
        {
            position.Add(items[i].Id, i);
        }

        ByRank = InKeyOrder(items);
        Rank = new int[count];
        for (int r = 0; r < count; r++)
        {
            Rank[ByRank[r]] = r;
        }

        _outStart = new int[count + 1];
        _inStart = new int[count + 1];
        for (int i = 0; i < count; i++)
        {
            (Source[i], Target[i]) = items[i] is ReasoningEdge edge ? (position[edge.From], position[edge.To]) : (-1, -1);
            if (Target[i] >= 0)
            {
                _outStart[Source[i] + 1]++;
                _inStart[Target[i] + 1]++;
            }
        }

        (_outEdges, _inEdges) = (Fill(_outStart, Source), Fill(_inStart, Target));
    }

    /// <summary>By position: the item's place in (createdAt, id) order.</summary>
    public int[] Rank { get; }

    /// <summary>By rank: the item's position (the inverse of <see cref="Rank"/>).</summary>
    public int[] ByRank { get; }

    /// <summary>By position: an edge's from-node, -1 for a node.</summary>
    public int[] Source { get; }

    /// <summary>By position: an edge's to-node, -1 for a node.</summary>
    public int[] Target { get; }

    /// <summary>What an item leads to: a node its outgoing edges, an edge its to-node.</summary>
    public ReadOnlySpan<int> Successors(int item) =>
        Target[item] >= 0 ? new ReadOnlySpan<int>(in Target[item]) : _outEdges.AsSpan(_outStart[item], _outStart[item + 1] - _outStart[item]);

    /// <summary>A node's parents: the from-ids of its incoming edges, sorted, distinct.</summary>
    public IReadOnlyList<Guid> ParentIds(int node)
    {
        var incoming = _inEdges.AsSpan(_inStart[node], _inStart[node + 1] - _inStart[node]);
        var ids = new Guid[incoming.Length];
        for (int k = 0; k < ids.Length; k++)
        {
            ids[k] = _items[Source[incoming[k]]].Id;
        }

        Array.Sort(ids);
        int distinct = ids.Length == 0 ? 0 : 1;
        for (int k = 1; k < ids.Length; k++)
        {
            if (ids[k] != ids[distinct - 1])
            {
                ids[distinct++] = ids[k];
            }
        }

        return distinct == ids.Length ? ids : ids[..distinct];
    }

    /// <summary>
    /// Positions in (createdAt, id) order (<see cref="ItemOrder"/>): ticks sort as primitives, and ids are compared only
    /// within a run of equal ticks, which is rare outside imports.
    /// </summary>
    private static int[] InKeyOrder(List<GraphItem> items)
    {
        var ticks = new long[items.Count];
        var order = new int[items.Count];
        for (int i = 0; i < order.Length; i++)
        {
            ticks[i] = items[i].CreatedAt.UtcTicks;
            order[i] = i;
        }

        Array.Sort(ticks, order);
        int start = 0;
        while (start < order.Length)
        {
            int end = start + 1;
            while (end < order.Length && ticks[end] == ticks[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                order.AsSpan(start, end - start).Sort((x, y) => items[x].Id.CompareTo(items[y].Id));
            }

            start = end;
        }

        return order;
    }

    /// <summary>Counting sort of the edges by an endpoint; <paramref name="start"/> holds counts at [node + 1] and becomes row starts.</summary>
    private static int[] Fill(int[] start, int[] endpoint)
    {
        for (int n = 1; n < start.Length; n++)
        {
            start[n] += start[n - 1];
        }

        var rows = new int[start[^1]];
        var next = start[..^1];
        for (int i = 0; i < endpoint.Length; i++)
        {
            if (endpoint[i] >= 0)
            {
                rows[next[endpoint[i]]++] = i;
            }
        }

        return rows;
    }
}
