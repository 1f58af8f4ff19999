using System.Buffers;
using System.Numerics;
using ReasoningGraph.Model;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Tracing;

/// <summary>
/// The closure's items as a graph over their positions, in flat arrays: for each edge its from- and to-node (as the
/// walk found them), for each node its outgoing and incoming edges (compressed rows), and every item's rank in
/// (createdAt, id) order, so the ordering compares integers instead of (ticks, id) pairs. Its own arrays are rented
/// (a trace is built often and they die with it): dispose to return them; they may be longer than <see cref="Count"/>.
/// </summary>
internal sealed class ItemGraph : IDisposable
{
    private readonly List<GraphItem> _items;
    private readonly int[] _outStart;
    private readonly int[] _outEdges;
    private readonly int[] _inStart;
    private readonly int[] _inEdges;

    /// <param name="items">The walk's items.</param>
    /// <param name="source">By item: an edge's from-node, -1 for a node (<see cref="Traversal.Internal.CollectedWalk.Source"/>).</param>
    /// <param name="target">By item: an edge's to-node, -1 for a node.</param>
    public ItemGraph(List<GraphItem> items, int[] source, int[] target)
    {
        _items = items;
        int count = Count = items.Count;
        (Source, Target) = (source, target);
        ByRank = InKeyOrder(items);
        Rank = ArrayPool<int>.Shared.Rent(count);
        for (int r = 0; r < count; r++)
        {
            Rank[ByRank[r]] = r;
        }

        _outStart = Zeroed(count + 1);
        _inStart = Zeroed(count + 1);
        int edges = 0;
        for (int i = 0; i < count; i++)
        {
            if (target[i] >= 0)
            {
                _outStart[source[i] + 1]++;
                _inStart[target[i] + 1]++;
                edges++;
            }
        }

        (_outEdges, _inEdges) = (Fill(_outStart, count, source, edges), Fill(_inStart, count, target, edges));
    }

    /// <summary>The number of items.</summary>
    public int Count { get; }

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
        if (incoming.Length == 0)
        {
            return [];
        }

        var ids = new Guid[incoming.Length];
        for (int k = 0; k < ids.Length; k++)
        {
            ids[k] = _items[Source[incoming[k]]].Id;
        }

        Array.Sort(ids);
        int distinct = 1;
        for (int k = 1; k < ids.Length; k++)
        {
            if (ids[k] != ids[distinct - 1])
            {
                ids[distinct++] = ids[k];
            }
        }

        return distinct == ids.Length ? ids : ids[..distinct];
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(ByRank);
        ArrayPool<int>.Shared.Return(Rank);
        ArrayPool<int>.Shared.Return(_outStart);
        ArrayPool<int>.Shared.Return(_inStart);
        ArrayPool<int>.Shared.Return(_outEdges);
        ArrayPool<int>.Shared.Return(_inEdges);
    }

    /// <summary>
    /// Positions in (createdAt, id) order (<see cref="ItemOrder"/>): ticks sort as primitives, and ids are compared only
    /// within a run of equal ticks, which is rare outside imports. When the closure's time span leaves room, each key
    /// carries its position in its low bits, so one array of longs is sorted instead of keys with a second array.
    /// </summary>
    private static int[] InKeyOrder(List<GraphItem> items)
    {
        int count = items.Count;
        var ticks = ArrayPool<long>.Shared.Rent(count);
        var order = ArrayPool<int>.Shared.Rent(count);
        long min = long.MaxValue, max = long.MinValue;
        for (int i = 0; i < count; i++)
        {
            long t = ticks[i] = items[i].CreatedAt.UtcTicks;
            (min, max) = (Math.Min(min, t), Math.Max(max, t));
        }

        int bits = 32 - BitOperations.LeadingZeroCount((uint)count);
        if (count > 0 && (ulong)(max - min) < 1UL << (63 - bits))
        {
            for (int i = 0; i < count; i++)
            {
                ticks[i] = ((ticks[i] - min) << bits) | (uint)i;
            }

            Array.Sort(ticks, 0, count);
            long mask = (1L << bits) - 1;
            for (int r = 0; r < count; r++)
            {
                order[r] = (int)(ticks[r] & mask);
                ticks[r] >>= bits;
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
            }

            Array.Sort(ticks, order, 0, count);
        }

        EqualKeyRuns.Sort(ticks.AsSpan(0, count), order.AsSpan(0, count), (x, y) => items[x].Id.CompareTo(items[y].Id));
        ArrayPool<long>.Shared.Return(ticks);
        return order;
    }

    private static int[] Zeroed(int length)
    {
        var array = ArrayPool<int>.Shared.Rent(length);
        Array.Clear(array, 0, length);
        return array;
    }

    /// <summary>
    /// Counting sort of the edges by an endpoint; <paramref name="start"/> holds counts at [node + 1] and becomes row
    /// starts (its first <paramref name="count"/> + 1 elements).
    /// </summary>
    private static int[] Fill(int[] start, int count, int[] endpoint, int edges)
    {
        for (int n = 1; n <= count; n++)
        {
            start[n] += start[n - 1];
        }

        var rows = ArrayPool<int>.Shared.Rent(edges);
        var next = ArrayPool<int>.Shared.Rent(count);
        Array.Copy(start, next, count);
        for (int i = 0; i < count; i++)
        {
            if (endpoint[i] >= 0)
            {
                rows[next[endpoint[i]]++] = i;
            }
        }

        ArrayPool<int>.Shared.Return(next);
        return rows;
    }
}
