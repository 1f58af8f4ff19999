using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.OneWalk;

/// <summary>
/// A store with the closure fetch (<see cref="IClosureGraphStore"/>) the PostgreSQL store has, answered as the union
/// of the frontiers over the whole closure (null past the node limit): the walk's closure path without a database.
/// </summary>
internal sealed class ClosureOverFrontiersStore(IReasoningGraphStore inner) : ForwardingStore(inner), IClosureGraphStore
{
    public async Task<FrontierResult?> GetClosureAsync(FrontierRequest request, int maxNodes, CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<Guid>(request.NodeIds);
        var edges = new Dictionary<Guid, ReasoningEdge>();
        var far = new Dictionary<Guid, ReasoningNode>();
        var level = request.NodeIds.ToList();
        while (level.Count > 0)
        {
            if (seen.Count > maxNodes)
            {
                return null;
            }

            var frontier = await Inner.GetFrontierAsync(new FrontierRequest { NodeIds = level, Direction = request.Direction, AsOf = request.AsOf }, cancellationToken);
            foreach (var edge in frontier.Edges)
            {
                edges.TryAdd(edge.Id, edge);
            }

            level = [];
            foreach (var node in frontier.FarNodes)
            {
                far.TryAdd(node.Id, node);
                if (seen.Add(node.Id))
                {
                    level.Add(node.Id);
                }
            }
        }

        return seen.Count > maxNodes ? null : new FrontierResult([.. edges.Values], [.. far.Values]);
    }
}
