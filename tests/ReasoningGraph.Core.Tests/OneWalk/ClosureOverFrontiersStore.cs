using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Tests.OneWalk;

/// <summary>
/// A store with the closure fetch (<see cref="IClosureGraphStore"/>) the PostgreSQL store has, answered as the union
/// of the frontiers over the whole closure (null past the node limit): the walk's closure path without a database.
/// </summary>
internal sealed class ClosureOverFrontiersStore(IReasoningGraphStore inner) : IReasoningGraphStore, IClosureGraphStore
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

            var frontier = await inner.GetFrontierAsync(new FrontierRequest { NodeIds = level, Direction = request.Direction, AsOf = request.AsOf }, cancellationToken);
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

    public ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default) => inner.GetMaxSeqAsync(cancellationToken);

    public Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public Task<IReadOnlyList<GraphItem>> GetItemsAsync(IReadOnlyCollection<Guid> ids, long asOf, CancellationToken cancellationToken = default) =>
        inner.GetItemsAsync(ids, asOf, cancellationToken);

    public Task<FrontierResult> GetFrontierAsync(FrontierRequest request, CancellationToken cancellationToken = default) =>
        inner.GetFrontierAsync(request, cancellationToken);

    public Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(IReadOnlyCollection<Guid> targetIds, long asOf, CancellationToken cancellationToken = default) =>
        inner.GetAnnotationsAsync(targetIds, asOf, cancellationToken);

    public Task<IReadOnlyList<ReasoningNode>> QueryNodesAsync(NodeFilter filter, long afterSeq, long asOf, int limit, CancellationToken cancellationToken = default) =>
        inner.QueryNodesAsync(filter, afterSeq, asOf, limit, cancellationToken);

    public IAsyncEnumerable<GraphItem> ReadAllAsync(long afterSeq, long asOf, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(afterSeq, asOf, cancellationToken);
}
