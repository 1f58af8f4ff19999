using System.Buffers;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Indexed;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// The walk for an <see cref="IIndexedGraphStore"/>: nodes and edges kept as the store's integer indices, the
/// visited set an index-addressed array, and node and edge objects made only for the page returned. Each call
/// opens a fresh view, so a cached walk holds no store snapshot between pages.
/// </summary>
internal sealed class IndexedWalk(IIndexedGraphStore store, WalkQuery query) : WalkState<int, int>(query)
{
    private IIndexedGraphView? _view;

    /// <summary>
    /// By node index: its walk position, or <c>~i</c> while it is the i-th node discovered in the level being
    /// expanded. A pooled, uncleared array: an entry counts only when the walk confirms it (sparse-set check),
    /// so no clearing is needed. Returned to the pool when the walk completes.
    /// </summary>
    private int[]? _placeOf;

    /// <summary>By walk position: the node object and id, kept so a page reads neither from the store's scattered node slots.</summary>
    private ReasoningNode[] _objects = [];
    private Guid[] _ids = [];

    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        var view = OpenView();
        int root = view.FindNode(Query.Root);
        if (root < 0)
        {
            throw RootNotFound();
        }

        _placeOf = ArrayPool<int>.Shared.Rent(view.NodeBound);
        _placeOf[root] = 0;
        var entry = view.NodeEntry(root);
        Keep(0, entry.Node, entry.Id);
        AddRoot(root, entry.Seq);
        return Task.CompletedTask;
    }

    public override async Task<(List<TraversalStep> Steps, List<TraversedEdge> Edges, bool Cycle, bool HasMore)> GetPageAsync(
        int position, int pageSize, CancellationToken cancellationToken)
    {
        _view = OpenView();
        try
        {
            return await base.GetPageAsync(position, pageSize, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _view = null;
            if (IsComplete && _placeOf is { } placeOf)
            {
                _placeOf = null;
                ArrayPool<int>.Shared.Return(placeOf);
            }
        }
    }

    protected override TraversalStep Step(int position, int node, int depth) => new(_objects[position], depth);

    protected override ReasoningEdge EdgeObject(int edge, int near, int far) =>
        Descendants ? _view!.Edge(edge, _ids[near], _ids[far]) : _view!.Edge(edge, _ids[far], _ids[near]);

    protected override Task ExpandLevelAsync(int start, int end, CancellationToken cancellationToken)
    {
        var view = _view!;
        int bound = 0;
        for (int i = start; i < end; i++)
        {
            bound += view.EdgeBound(NodeAt(i));
        }

        var found = ArrayPool<IndexedEdge>.Shared.Rent(bound);
        var ints = ArrayPool<int>.Shared.Rent(3 * bound);
        var keys = ArrayPool<NodeKey>.Shared.Rent(bound);
        try
        {
            var nearOf = ints.AsSpan(0, bound);
            int count = Collect(view, start, end, found, nearOf);
            var edges = ints.AsSpan(bound, count);
            var farAt = ints.AsSpan(2 * bound, count);
            int discovered = Resolve(view, found.AsSpan(0, count), edges, farAt, keys);
            var (nodes, seqs) = Place(keys.AsSpan(0, discovered));
            Renumber(found.AsSpan(0, count), farAt);
            CommitLevel(start, end, edges, nearOf[..count], farAt, nodes, seqs);
        }
        finally
        {
            ArrayPool<IndexedEdge>.Shared.Return(found);
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<NodeKey>.Shared.Return(keys);
        }

        return Task.CompletedTask;
    }

    /// <summary>Copies the level's edges to <paramref name="found"/>, by near position, then (createdAt, id); returns how many.</summary>
    private int Collect(IIndexedGraphView view, int start, int end, IndexedEdge[] found, Span<int> nearOf)
    {
        int count = view.CopyEdges(Positions(start, end), found, nearOf);
        for (int k = 0, next; k < count; k = next)
        {
            next = k + 1;
            while (next < count && nearOf[next] == nearOf[k])
            {
                next++;
            }

            var own = found.AsSpan(k, next - k);
            if (!IsSorted(own))
            {
                own.Sort();
            }

            nearOf.Slice(k, next - k).Fill(start + nearOf[k]);
        }

        return count;
    }

    /// <summary>Sorts the discovered nodes into (createdAt, id) order and records the walk positions they will take.</summary>
    private (int[] Nodes, long[] Seqs) Place(Span<NodeKey> keys)
    {
        keys.Sort();
        var nodes = new int[keys.Length];
        var seqs = new long[keys.Length];
        for (int s = 0; s < keys.Length; s++)
        {
            nodes[s] = keys[s].Node;
            seqs[s] = keys[s].Seq;
            _placeOf![keys[s].Node] = NodeCount + s;
            Keep(NodeCount + s, keys[s].Object!, keys[s].Id);
        }

        return (nodes, seqs);
    }

    /// <summary>Turns the far ends of discovered nodes from discovery numbers into their sorted numbers.</summary>
    private void Renumber(ReadOnlySpan<IndexedEdge> found, Span<int> farAt)
    {
        var placeOf = _placeOf!;
        for (int k = 0; k < farAt.Length; k++)
        {
            if (farAt[k] < 0)
            {
                farAt[k] = ~(placeOf[found[k].Far] - NodeCount);
            }
        }
    }

    /// <summary>
    /// Sets each edge's index and far end (a walk position, or <c>~i</c> for the i-th newly discovered node, whose
    /// sort key goes to <paramref name="keys"/>[i]); returns how many nodes were discovered.
    /// </summary>
    private int Resolve(IIndexedGraphView view, ReadOnlySpan<IndexedEdge> found, Span<int> edges, Span<int> farAt, NodeKey[] keys)
    {
        var placeOf = _placeOf!;
        int walked = NodeCount, discovered = 0;
        for (int k = 0; k < found.Length; k++)
        {
            int far = found[k].Far;
            int place = placeOf[far];
            edges[k] = found[k].Edge;
            if (((uint)place < (uint)walked && NodeAt(place) == far) || (place < 0 && ~place < discovered && keys[~place].Node == far))
            {
                farAt[k] = place;
            }
            else
            {
                keys[discovered] = new NodeKey(0, default, far, 0, null);
                placeOf[far] = farAt[k] = ~discovered++;
            }
        }

        // The sort keys in a second pass, whose iterations are independent (their cache misses overlap).
        for (int d = 0; d < discovered; d++)
        {
            var (node, ticks, id, seq) = view.NodeEntry(keys[d].Node);
            keys[d] = new NodeKey(ticks, id, keys[d].Node, seq, node);
        }

        return discovered;
    }

    /// <summary>Keeps the node object and id of a walk position (growing the arrays by doubling).</summary>
    private void Keep(int position, ReasoningNode node, Guid id)
    {
        if (position >= _ids.Length)
        {
            int size = Math.Max(16, Math.Max(position + 1, _ids.Length * 2));
            Array.Resize(ref _objects, size);
            Array.Resize(ref _ids, size);
        }

        _objects[position] = node;
        _ids[position] = id;
    }

    private static bool IsSorted(ReadOnlySpan<IndexedEdge> edges)
    {
        for (int k = 1; k < edges.Length; k++)
        {
            if (edges[k - 1].CompareTo(edges[k]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private IIndexedGraphView OpenView() =>
        store.OpenView(Query.AsOf, Query.Direction, Query.EdgeTypes, Query.MinWeight, Query.MinConfidence);

    /// <summary>A discovered node with its sort key (<see cref="ItemOrder"/>: createdAt, then id).</summary>
    private readonly record struct NodeKey(long Ticks, Guid Id, int Node, long Seq, ReasoningNode? Object) : IComparable<NodeKey>
    {
        public int CompareTo(NodeKey other)
        {
            int byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime : Id.CompareTo(other.Id);
        }
    }
}
