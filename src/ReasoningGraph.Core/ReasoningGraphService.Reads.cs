using ReasoningGraph.Explanations;
using ReasoningGraph.Model;
using ReasoningGraph.Querying;
using ReasoningGraph.Storage;
using ReasoningGraph.Tracing;
using ReasoningGraph.Traversal;
using ReasoningGraph.Errors;

namespace ReasoningGraph;

public sealed partial class ReasoningGraphService
{
    /// <inheritdoc/>
    public ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default) => _store.GetMaxSeqAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<ReasoningNode> GetNodeAsync(Guid id, CancellationToken cancellationToken = default) =>
        await GetAsync<ReasoningNode>(id, "node", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<ReasoningEdge> GetEdgeAsync(Guid id, CancellationToken cancellationToken = default) =>
        await GetAsync<ReasoningEdge>(id, "edge", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<NodeNeighborhood> GetNeighborhoodAsync(Guid id, CancellationToken cancellationToken = default)
    {
        long asOf = await _store.GetMaxSeqAsync(cancellationToken).ConfigureAwait(false);
        var node = await GetAsync<ReasoningNode>(id, "node", cancellationToken, asOf).ConfigureAwait(false);
        async Task<IReadOnlyList<ReasoningEdge>> EdgesAsync(TraversalDirection direction)
        {
            var frontier = await _store.GetFrontierAsync(new FrontierRequest { NodeIds = [id], Direction = direction, AsOf = asOf }, cancellationToken).ConfigureAwait(false);
            return [.. frontier.Edges.Order<ReasoningEdge>(ItemOrder.Instance)];
        }

        return new NodeNeighborhood
        {
            Node = node,
            Incoming = await EdgesAsync(TraversalDirection.Ancestors).ConfigureAwait(false),
            Outgoing = await EdgesAsync(TraversalDirection.Descendants).ConfigureAwait(false),
        };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(Guid targetId, CancellationToken cancellationToken = default)
    {
        long asOf = await _store.GetMaxSeqAsync(cancellationToken).ConfigureAwait(false);
        return await _store.GetAnnotationsAsync([targetId], asOf, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<TraversalPage> TraceAsync(Guid root, TraversalDirection direction, TraversalOptions? options = null, CancellationToken cancellationToken = default) =>
        _traverser.TraceAsync(root, direction, options, cancellationToken);

    /// <inheritdoc/>
    public Task<CausalTrace> GetCausalTraceAsync(Guid id, CancellationToken cancellationToken = default) =>
        _causalTraces.BuildAsync(id, cancellationToken);

    /// <inheritdoc/>
    public Task<NodeQueryPage> QueryAsync(NodeQuery query, CancellationToken cancellationToken = default) =>
        _queries.QueryAsync(query, cancellationToken);

    /// <inheritdoc/>
    public async Task<Explanation> ExplainAsync(Guid id, CancellationToken cancellationToken = default) =>
        Explainer.Explain(await _causalTraces.BuildAsync(id, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public Explanation Explain(CausalTrace trace) => Explainer.Explain(trace);

    private async Task<T> GetAsync<T>(Guid id, string what, CancellationToken cancellationToken, long asOf = long.MaxValue)
        where T : GraphItem
    {
        var found = await _store.GetItemsAsync([id], asOf, cancellationToken).ConfigureAwait(false);
        return found.Count == 1 && found[0] is T item
            ? item
            : throw GraphErrors.NotFound("id", id, null, $"No {what} with id {id} exists.");
    }
}
