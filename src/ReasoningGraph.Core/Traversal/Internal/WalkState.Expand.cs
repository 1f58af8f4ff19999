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
        var byNear = new Dictionary<Guid, List<ReasoningEdge>>();
        foreach (var edge in frontier.Edges)
        {
            var near = descendants ? edge.From : edge.To;
            if (!byNear.TryGetValue(near, out var list))
            {
                byNear.Add(near, list = []);
            }

            list.Add(edge);
        }

        var farNodes = new Dictionary<Guid, ReasoningNode>(frontier.FarNodes.Count);
        foreach (var node in frontier.FarNodes)
        {
            farNodes[node.Id] = node;
        }

        // Decide everything first and only then change the state, so a contract violation by the store cannot
        // leave a cached walk half-expanded.
        var next = new List<ReasoningNode>();
        var discovered = new HashSet<Guid>();
        var followed = new List<(int Node, List<TraversedEdge> Edges)>();
        for (int i = start; i < end; i++)
        {
            var edges = byNear.TryGetValue(_nodes[i].Node.Id, out var list) ? list : [];
            edges.Sort(ItemOrder.Instance);
            var traversed = new List<TraversedEdge>(edges.Count);
            foreach (var edge in edges)
            {
                var far = descendants ? edge.To : edge.From;
                bool revisit = _index.ContainsKey(far) || !discovered.Add(far);
                if (!revisit)
                {
                    next.Add(farNodes.TryGetValue(far, out var farNode)
                        ? farNode
                        : throw new InvalidOperationException($"The store returned edge {edge.Id} without its far-end node {far}."));
                }

                traversed.Add(new TraversedEdge(edge, revisit));
            }

            followed.Add((i, traversed));
        }

        long Place(Guid id) => _index.TryGetValue(id, out int at) ? _nodes[at].Node.Seq : farNodes[id].Seq;
        foreach (var (node, traversed) in followed)
        {
            _nodes[node].EdgeStart = _edges.Count;
            _nodes[node].EdgeCount = traversed.Count;
            foreach (var edge in traversed)
            {
                _edges.Add(edge);
                if (_firstCycleEdges == int.MaxValue && _cycles.AddEdge(edge.Edge.From, Place(edge.Edge.From), edge.Edge.To, Place(edge.Edge.To)))
                {
                    _firstCycleEdges = _edges.Count;
                }
            }
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
}
