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
        // leave a cached walk half-expanded.
        var next = new List<ReasoningNode>();
        var discovered = new HashSet<Guid>();
        var traversed = new TraversedEdge[edges.Length];
        for (int k = 0; k < edges.Length; k++)
        {
            var edge = edges[k];
            var far = descendants ? edge.To : edge.From;
            bool revisit = _index.ContainsKey(far) || !discovered.Add(far);
            if (!revisit)
            {
                next.Add(farNodes.TryGetValue(far, out var farNode)
                    ? farNode
                    : throw new InvalidOperationException($"The store returned edge {edge.Id} without its far-end node {far}."));
            }

            traversed[k] = new TraversedEdge(edge, revisit);
        }

        long Place(Guid id) => _index.TryGetValue(id, out int at) ? _nodes[at].Node.Seq : farNodes[id].Seq;
        _edges.EnsureCapacity(_edges.Count + traversed.Length);
        for (int i = start, k = 0; i < end; i++)
        {
            _nodes[i].EdgeStart = _edges.Count;
            for (; k < traversed.Length && nearOf[k] == i; k++)
            {
                var edge = traversed[k].Edge;
                _edges.Add(traversed[k]);
                if (_firstCycleEdges == int.MaxValue && _cycles.AddEdge(edge.From, Place(edge.From), edge.To, Place(edge.To)))
                {
                    _firstCycleEdges = _edges.Count;
                }
            }

            _nodes[i].EdgeCount = _edges.Count - _nodes[i].EdgeStart;
        }

        _expandedLevels++;
        if (next.Count == 0)
        {
            _complete = true;
            return;
        }

        next.Sort(ItemOrder.Instance);
        _levelStart.Add(_nodes.Count);
        foreach (var node in next)
        {
            _index[node.Id] = _nodes.Count;
            _nodes.Add(new Visit(node, level + 1));
        }
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
