using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// Frontier answers from a prefetched closure (<see cref="IClosureGraphStore.GetClosureAsync"/>): the same edges
/// and far nodes <see cref="IReasoningGraphStore.GetFrontierAsync"/> would return for any set of closure nodes,
/// looked up in memory, so the walk over them is unchanged.
/// </summary>
internal sealed class ClosureFrontier
{
    private readonly Dictionary<Guid, List<ReasoningEdge>> _edgesByNear = [];
    private readonly Dictionary<Guid, ReasoningNode> _nodes = [];
    private readonly bool _descendants;

    public ClosureFrontier(FrontierResult closure, TraversalDirection direction)
    {
        _descendants = direction == TraversalDirection.Descendants;
        foreach (var edge in closure.Edges)
        {
            var near = _descendants ? edge.From : edge.To;
            if (!_edgesByNear.TryGetValue(near, out var edges))
            {
                _edgesByNear.Add(near, edges = []);
            }

            edges.Add(edge);
        }

        foreach (var node in closure.FarNodes)
        {
            _nodes[node.Id] = node;
        }
    }

    /// <summary>The frontier of <paramref name="ids"/>, which must be closure nodes; a far node missing from the closure is left out (the walk reports it).</summary>
    public FrontierResult Get(IReadOnlyCollection<Guid> ids)
    {
        var edges = new List<ReasoningEdge>();
        var far = new Dictionary<Guid, ReasoningNode>();
        foreach (var id in ids)
        {
            if (!_edgesByNear.TryGetValue(id, out var own))
            {
                continue;
            }

            edges.AddRange(own);
            foreach (var edge in own)
            {
                var farId = _descendants ? edge.To : edge.From;
                if (!far.ContainsKey(farId) && _nodes.TryGetValue(farId, out var node))
                {
                    far.Add(farId, node);
                }
            }
        }

        return new FrontierResult(edges, [.. far.Values]);
    }
}
