using System.Buffers;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Indexed;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// The walk for an <see cref="IIndexedGraphStore"/>: nodes and edges kept as the store's integer indices, the
/// visited set an index-addressed array, and node and edge objects made only for the page returned. Each call
/// opens a fresh view, so a cached walk holds no store snapshot between pages.
/// </summary>
internal sealed class IndexedWalk(IIndexedGraphStore store, WalkQuery query) : WalkState<int, int>(query)
{
    /// <summary>How many iterations ahead the loops over scattered indices prefetch (see <see cref="CacheHint"/>).</summary>
    private const int Ahead = 16;

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
        _objects = [entry.Node];
        _ids = [entry.Id];
        AddRoot(root, entry.Seq);
        return Task.CompletedTask;
    }

    public override void Start(IReadOnlyList<ReasoningNode> roots)
    {
        var view = OpenView();
        _placeOf = ArrayPool<int>.Shared.Rent(view.NodeBound);
        _objects = new ReasoningNode[roots.Count];
        _ids = new Guid[roots.Count];
        foreach (var root in roots.Order<ReasoningNode>(ItemOrder.Instance))
        {
            int node = view.FindNode(root.Id);
            if (node < 0)
            {
                throw new InvalidOperationException($"Root {root.Id} is not visible as of seq {Query.AsOf}.");
            }

            var entry = view.NodeEntry(node);
            _placeOf[node] = NodeCount;
            _objects[NodeCount] = entry.Node;
            _ids[NodeCount] = entry.Id;
            AddRoot(node, entry.Seq);
        }
    }

    public override async Task<CollectedWalk> CollectAsync(int maxItems, bool withEnds, CancellationToken cancellationToken)
    {
        _view = OpenView();
        try
        {
            return await base.CollectAsync(maxItems, withEnds, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also when cut short: a collected walk is never resumed.
            _view = null;
            if (_placeOf is { } placeOf)
            {
                _placeOf = null;
                ArrayPool<int>.Shared.Return(placeOf);
            }
        }
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

    protected override ReasoningNode NodeObject(int position, int node) => _objects[position];

    protected override void PrefetchEdge(int edge, int far)
    {
        _view!.PrefetchEdge(edge);
        CacheHint.Prefetch(in _ids[far]);
    }

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
        var ints = ArrayPool<int>.Shared.Rent(6 * bound);
        var ticks = ArrayPool<long>.Shared.Rent(bound);
        var entries = ArrayPool<NodeEntry>.Shared.Rent(bound);
        int discovered = 0;
        try
        {
            var nearOf = ints.AsSpan(0, bound);
            int count = Collect(view, start, end, found, nearOf);
            var edges = ints.AsSpan(bound, count);
            var farAt = ints.AsSpan(2 * bound, count);
            var level = new Discovery(ints.AsSpan(3 * bound, bound), ints.AsSpan(4 * bound, bound), ints.AsSpan(5 * bound, bound), ticks, entries);
            discovered = Resolve(view, found.AsSpan(0, count), edges, farAt, level);
            Place(level, discovered);
            Renumber(farAt, level.Rank);
            CommitLevel(start, end, edges, nearOf[..count], farAt, level.Order[..discovered], ticks.AsSpan(0, discovered));
        }
        finally
        {
            // The entries hold node objects: cleared so the pool does not keep them alive.
            entries.AsSpan(0, discovered).Clear();
            ArrayPool<IndexedEdge>.Shared.Return(found);
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<long>.Shared.Return(ticks);
            ArrayPool<NodeEntry>.Shared.Return(entries);
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

    /// <summary>
    /// Sorts the level's <paramref name="count"/> discovered nodes into (createdAt, id) order, records the walk
    /// positions they will take (and each one's rank in <see cref="Discovery.Rank"/>) and keeps their objects and ids.
    /// Leaves the sorted node indices in <see cref="Discovery.Order"/> and their <c>seq</c>s in
    /// <see cref="Discovery.Ticks"/>, each overwriting the entry just read, so a level allocates no arrays of its own.
    /// </summary>
    private void Place(Discovery level, int count)
    {
        // A primitive sort by createdAt ticks (small keys, no comparer), then ids only among equal ticks.
        var order = level.Order[..count];
        var ticks = level.Ticks.AsSpan(0, count);
        ticks.Sort(order);
        var entries = level.Entries;
        EqualKeyRuns.Sort(ticks, order, (x, y) => entries[x].Id.CompareTo(entries[y].Id));

        int first = NodeCount;
        _objects = ArrayGrowth.Ensure(_objects, first + count);
        _ids = ArrayGrowth.Ensure(_ids, first + count, zeroed: false);
        var placeOf = _placeOf!;
        for (int s = 0; s < count; s++)
        {
            int d = order[s];
            ref readonly var entry = ref level.Entries[d];
            int node = level.Nodes[d];
            order[s] = node;
            ticks[s] = entry.Seq;
            placeOf[node] = first + s;
            level.Rank[d] = s;
            _objects[first + s] = entry.Node;
            _ids[first + s] = entry.Id;
        }
    }

    /// <summary>Turns the far ends of discovered nodes from discovery numbers into their sorted numbers.</summary>
    private static void Renumber(Span<int> farAt, ReadOnlySpan<int> rank)
    {
        for (int k = 0; k < farAt.Length; k++)
        {
            if (farAt[k] < 0)
            {
                farAt[k] = ~rank[~farAt[k]];
            }
        }
    }

    /// <summary>
    /// Sets each edge's index and far end (a walk position, or <c>~i</c> for the i-th newly discovered node, whose
    /// node index, sort key and entry go to <paramref name="level"/> at i); returns how many nodes were discovered.
    /// </summary>
    private int Resolve(IIndexedGraphView view, ReadOnlySpan<IndexedEdge> found, Span<int> edges, Span<int> farAt, Discovery level)
    {
        var placeOf = _placeOf!;
        var nodes = level.Nodes;
        int walked = NodeCount, discovered = 0;
        for (int k = 0; k < found.Length; k++)
        {
            if (k + Ahead < found.Length)
            {
                CacheHint.Prefetch(in placeOf[found[k + Ahead].Far]);
            }

            int far = found[k].Far;
            int place = placeOf[far];
            edges[k] = found[k].Edge;
            if (((uint)place < (uint)walked && NodeAt(place) == far) || (place < 0 && ~place < discovered && nodes[~place] == far))
            {
                farAt[k] = place;
            }
            else
            {
                nodes[discovered] = far;
                placeOf[far] = farAt[k] = ~discovered++;
            }
        }

        // The sort keys in a second pass, whose iterations are independent (their cache misses overlap).
        for (int d = 0; d < discovered; d++)
        {
            if (d + Ahead < discovered)
            {
                view.PrefetchNode(nodes[d + Ahead]);
            }

            var entry = view.NodeEntry(nodes[d]);
            level.Entries[d] = new NodeEntry(entry.Node, entry.Id, entry.Seq);
            level.Ticks[d] = entry.Ticks;
            level.Order[d] = d;
        }

        return discovered;
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

    /// <summary>What a level keeps of a discovered node until it is placed.</summary>
    private readonly record struct NodeEntry(ReasoningNode Node, Guid Id, long Seq);

    /// <summary>
    /// The nodes a level discovers, by discovery number: node index, (createdAt ticks, entry), the discovery numbers
    /// in sorted order, and each one's rank in it.
    /// </summary>
    private readonly ref struct Discovery(Span<int> nodes, Span<int> order, Span<int> rank, long[] ticks, NodeEntry[] entries)
    {
        public Span<int> Nodes { get; } = nodes;

        public Span<int> Order { get; } = order;

        public Span<int> Rank { get; } = rank;

        public long[] Ticks { get; } = ticks;

        public NodeEntry[] Entries { get; } = entries;
    }
}
