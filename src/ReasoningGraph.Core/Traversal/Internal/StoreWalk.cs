using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// The walk for any store: one <see cref="IReasoningGraphStore.GetFrontierAsync"/> round trip per level, nodes and
/// edges kept as the objects the store returned, walk positions found by id. A deep walk (depth ≥
/// <see cref="ClosureMinDepth"/>) through an <see cref="IClosureGraphStore"/> instead fetches the whole closure in
/// one call before its first level and answers every level from it; a closure of more than
/// <see cref="ClosureMaxNodes"/> nodes falls back to the per-level round trips.
/// </summary>
internal sealed class StoreWalk(IReasoningGraphStore store, WalkQuery query, int closureMaxNodes = StoreWalk.ClosureMaxNodes)
    : WalkState<ReasoningNode, ReasoningEdge>(query)
{
    /// <summary>Shallower walks (the default depth is 1) fetch per level: a closure may be far larger than a few levels of it.</summary>
    internal const int ClosureMinDepth = 8;

    /// <summary>The largest closure held in memory for one walk; larger ones are walked level by level.</summary>
    internal const int ClosureMaxNodes = 50_000;

    private readonly Dictionary<Guid, int> _index = [];
    private ClosureFrontier? _closure;
    private bool _closureTried;
    private Guid[] _roots = [query.Root];

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var found = await store.GetItemsAsync([Query.Root], Query.AsOf, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0 || found[0] is not ReasoningNode root)
        {
            throw RootNotFound();
        }

        _index.Add(root.Id, 0);
        AddRoot(root, root.Seq);
    }

    public override void Start(IReadOnlyList<ReasoningNode> roots)
    {
        ReasoningNode[] ordered = [.. roots.Order<ReasoningNode>(ItemOrder.Instance)];
        foreach (var root in ordered)
        {
            _index.Add(root.Id, NodeCount);
            AddRoot(root, root.Seq);
        }

        _roots = [.. ordered.Select(r => r.Id)];
    }

    protected override ReasoningNode NodeObject(int position, ReasoningNode node) => node;

    protected override ReasoningEdge EdgeObject(ReasoningEdge edge, int near, int far) => edge;

    protected override async Task ExpandLevelAsync(int start, int end, CancellationToken cancellationToken)
    {
        var ids = new Guid[end - start];
        for (int i = start; i < end; i++)
        {
            ids[i - start] = NodeAt(i).Id;
        }

        var frontier = await FetchFrontierAsync(ids, cancellationToken).ConfigureAwait(false);

        var (edges, nearOf) = InLevelOrder(frontier.Edges, start, end);
        var farNodes = new Dictionary<Guid, ReasoningNode>(frontier.FarNodes.Count);
        foreach (var node in frontier.FarNodes)
        {
            farNodes[node.Id] = node;
        }

        // A far end is either already walked (its position) or discovered in this level (~ its index in `next`).
        var next = new List<ReasoningNode>();
        var discovered = new Dictionary<Guid, int>();
        var farAt = new int[edges.Length];
        for (int k = 0; k < edges.Length; k++)
        {
            var far = Descendants ? edges[k].To : edges[k].From;
            if (_index.TryGetValue(far, out int at))
            {
                farAt[k] = at;
            }
            else if (discovered.TryGetValue(far, out int found))
            {
                farAt[k] = ~found;
            }
            else
            {
                farAt[k] = ~next.Count;
                discovered.Add(far, next.Count);
                next.Add(farNodes.TryGetValue(far, out var farNode)
                    ? farNode
                    : throw new InvalidOperationException($"The store returned edge {edges[k].Id} without its far-end node {far}."));
            }
        }

        // Number the discovered nodes in (createdAt, id) order, as the walk will place them.
        var byOrder = new int[next.Count];
        for (int n = 0; n < byOrder.Length; n++)
        {
            byOrder[n] = n;
        }

        Array.Sort(byOrder, (a, b) => ItemOrder.Instance.Compare(next[a], next[b]));
        var rank = new int[next.Count];
        var sorted = new ReasoningNode[next.Count];
        var seqs = new long[next.Count];
        for (int s = 0; s < byOrder.Length; s++)
        {
            rank[byOrder[s]] = s;
            sorted[s] = next[byOrder[s]];
            seqs[s] = sorted[s].Seq;
            _index[sorted[s].Id] = NodeCount + s;
        }

        for (int k = 0; k < farAt.Length; k++)
        {
            if (farAt[k] < 0)
            {
                farAt[k] = ~rank[~farAt[k]];
            }
        }

        CommitLevel(start, end, edges, nearOf, farAt, sorted, seqs);
        if (IsComplete)
        {
            _closure = null;
        }
    }

    /// <summary>The level's frontier: from the prefetched closure when there is one, else one store round trip.</summary>
    private async Task<FrontierResult> FetchFrontierAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        if (!_closureTried && Query.Depth >= ClosureMinDepth && store is IClosureGraphStore closures)
        {
            var closure = await closures.GetClosureAsync(Request(_roots), closureMaxNodes, cancellationToken).ConfigureAwait(false);
            _closure = closure is null ? null : new ClosureFrontier(closure, Query.Direction);
            _closureTried = true;
        }

        return _closure?.Get(ids) ?? await store.GetFrontierAsync(Request(ids), cancellationToken).ConfigureAwait(false);
    }

    private FrontierRequest Request(Guid[] ids) => new()
    {
        NodeIds = ids, Direction = Query.Direction, AsOf = Query.AsOf,
        EdgeTypes = Query.EdgeTypes, MinWeight = Query.MinWeight, MinFarNodeConfidence = Query.MinConfidence,
    };

    /// <summary>
    /// The level's edges by the walk position of their near end (positions <paramref name="start"/> to
    /// <paramref name="end"/>), then (createdAt, id), with those positions; edges of other nodes are dropped.
    /// </summary>
    private (ReasoningEdge[] Edges, int[] NearOf) InLevelOrder(IReadOnlyList<ReasoningEdge> found, int start, int end)
    {
        var edges = new ReasoningEdge[found.Count];
        var keys = new (int Near, long Ticks, Guid Id)[found.Count];
        int count = 0;
        foreach (var edge in found)
        {
            if (_index.TryGetValue(Descendants ? edge.From : edge.To, out int near) && near >= start && near < end)
            {
                keys[count] = (near, edge.CreatedAt.UtcTicks, edge.Id);
                edges[count++] = edge;
            }
        }

        Array.Sort(keys, edges, 0, count);
        var nearOf = new int[count];
        for (int k = 0; k < count; k++)
        {
            nearOf[k] = keys[k].Near;
        }

        return (count == edges.Length ? edges : edges[..count], nearOf);
    }
}
