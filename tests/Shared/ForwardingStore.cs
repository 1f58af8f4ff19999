using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Tests.Support;

/// <summary>A store that forwards every call to another; test stores override only what they change.</summary>
public abstract class ForwardingStore(IReasoningGraphStore inner) : IReasoningGraphStore
{
    /// <summary>The wrapped store: a service over it uses its own capabilities (the in-memory store's indexed walk).</summary>
    public IReasoningGraphStore Inner => inner;

    public virtual ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default) => inner.GetMaxSeqAsync(cancellationToken);

    public Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public virtual Task<IReadOnlyList<GraphItem>> GetItemsAsync(IReadOnlyCollection<Guid> ids, long asOf, CancellationToken cancellationToken = default) =>
        inner.GetItemsAsync(ids, asOf, cancellationToken);

    public virtual Task<FrontierResult> GetFrontierAsync(FrontierRequest request, CancellationToken cancellationToken = default) =>
        inner.GetFrontierAsync(request, cancellationToken);

    public Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(IReadOnlyCollection<Guid> targetIds, long asOf, CancellationToken cancellationToken = default) =>
        inner.GetAnnotationsAsync(targetIds, asOf, cancellationToken);

    public Task<IReadOnlyList<ReasoningNode>> QueryNodesAsync(NodeFilter filter, long afterSeq, long asOf, int limit, CancellationToken cancellationToken = default) =>
        inner.QueryNodesAsync(filter, afterSeq, asOf, limit, cancellationToken);

    public IAsyncEnumerable<GraphItem> ReadAllAsync(long afterSeq, long asOf, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(afterSeq, asOf, cancellationToken);
}
