using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Traversal.Internal;

internal sealed partial class WalkState
{
    /// <summary>
    /// Follows the edges of the next unexpanded level with one frontier fetch, in level order and per node by
    /// (<c>createdAt</c>, <c>id</c>), discovering the next level.
    /// </summary>
    private async Task ExpandAsync(CancellationToken cancellationToken)
    {
        int level = _expandedLevels;
        int start = _levelStart[level], end = _nodes.Count;
        if (level >= query.Depth)
        {
            for (int i = start; i < end; i++)
            {
                _nodes[i].EdgeStart = _edges.Count;
            }

            _expandedLevels++;
            _complete = true;
            return;
        }

        var ids = new Guid[end - start];
        for (int i = start; i < end; i++)
        {
            ids[i - start] = _nodes[i].Node.Id;
        }

        var frontier = await store.GetFrontierAsync(
            new FrontierRequest
            {
                NodeIds = ids, Direction = query.Direction, AsOf = query.AsOf,
                EdgeTypes = query.EdgeTypes, MinWeight = query.MinWeight, MinFarNodeConfidence = query.MinConfidence,
            },
            cancellationToken).ConfigureAwait(false);

        bool descendants = query.Direction == TraversalDirection.Descendants;
        var (edges, nearOf) = InLevelOrder(frontier.Edges, descendants, start, end);
        var farNodes = new Dictionary<Guid, ReasoningNode>(frontier.FarNodes.Count);
        foreach (var node in frontier.FarNodes)
        {
            farNodes[node.Id] = node;
        }

        // Decide everything first and only then change the state, so a contract violation by the store cannot
        // leave a cached walk half-expanded. A far end is either already walked (its position) or discovered in
        // this level (~ its index in `next`, placed once `next` is sorted).
        var next = new List<ReasoningNode>();
        var discovered = new Dictionary<Guid, int>();
        var traversed = new TraversedEdge[edges.Length];
        var farAt = new int[edges.Length];
        for (int k = 0; k < edges.Length; k++)
        {
            var edge = edges[k];
            var far = descendants ? edge.To : edge.From;
            bool revisit = true;
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
                    : throw new InvalidOperationException($"The store returned edge {edge.Id} without its far-end node {far}."));
                revisit = false;
            }

            traversed[k] = new TraversedEdge(edge, revisit);
        }

        var placeOf = Discover(next, level + 1);
        _edges.EnsureCapacity(_edges.Count + traversed.Length);
        for (int i = start, k = 0; i < end; i++)
        {
            _nodes[i].EdgeStart = _edges.Count;
            for (; k < traversed.Length && nearOf[k] == i; k++)
            {
                _edges.Add(traversed[k]);
                if (_firstCycleEdges == int.MaxValue)
                {
                    int far = farAt[k] >= 0 ? farAt[k] : placeOf[~farAt[k]];
                    var (from, to) = descendants ? (i, far) : (far, i);
                    if (_cycles.AddEdge(from, _nodes[from].Node.Seq, to, _nodes[to].Node.Seq))
                    {
                        _firstCycleEdges = _edges.Count;
                    }
                }
            }

            _nodes[i].EdgeCount = _edges.Count - _nodes[i].EdgeStart;
        }

        _expandedLevels++;
        _complete = next.Count == 0;
    }

    /// <summary>
    /// Appends the nodes discovered in a level to the walk in (createdAt, id) order; returns, for each of them in
    /// discovery order, its walk position.
    /// </summary>
    private int[] Discover(List<ReasoningNode> discovered, int depth)
    {
        var positions = new int[discovered.Count];
        if (discovered.Count == 0)
        {
            return positions;
        }

        var byOrder = new int[discovered.Count];
        for (int n = 0; n < byOrder.Length; n++)
        {
            byOrder[n] = n;
        }

        Array.Sort(byOrder, (a, b) => ItemOrder.Instance.Compare(discovered[a], discovered[b]));
        _levelStart.Add(_nodes.Count);
        foreach (int n in byOrder)
        {
            positions[n] = _nodes.Count;
            _index[discovered[n].Id] = _nodes.Count;
            _nodes.Add(new Visit(discovered[n], depth));
        }

        return positions;
    }

    /// <summary>
    /// The level's edges by the walk position of their near end (positions <paramref name="start"/> to
    /// <paramref name="end"/>), then (createdAt, id), with those positions; edges of other nodes are dropped.
    /// </summary>
    private (ReasoningEdge[] Edges, int[] NearOf) InLevelOrder(IReadOnlyList<ReasoningEdge> found, bool descendants, int start, int end)
    {
        var edges = new ReasoningEdge[found.Count];
        var keys = new (int Near, long Ticks, Guid Id)[found.Count];
        int count = 0;
        foreach (var edge in found)
        {
            if (_index.TryGetValue(descendants ? edge.From : edge.To, out int near) && near >= start && near < end)
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
