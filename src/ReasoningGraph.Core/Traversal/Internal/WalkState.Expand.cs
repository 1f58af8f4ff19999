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

        var next = new List<ReasoningNode>();
        for (int i = start; i < end; i++)
        {
            var visit = _nodes[i];
            visit.EdgeStart = _edges.Count;
            if (byNear.TryGetValue(visit.Node.Id, out var edges))
            {
                edges.Sort(ItemOrder.Instance);
                foreach (var edge in edges)
                {
                    var far = descendants ? edge.To : edge.From;
                    bool revisit = !_index.TryAdd(far, -1);
                    if (!revisit)
                    {
                        next.Add(farNodes.TryGetValue(far, out var farNode)
                            ? farNode
                            : throw new InvalidOperationException($"The store returned edge {edge.Id} without its far-end node {far}."));
                    }

                    _edges.Add(new TraversedEdge(edge, revisit));
                    if (_firstCycleEdges == int.MaxValue && _cycles.AddEdge(edge.From, edge.To))
                    {
                        _firstCycleEdges = _edges.Count;
                    }
                }
            }

            visit.EdgeCount = _edges.Count - visit.EdgeStart;
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
