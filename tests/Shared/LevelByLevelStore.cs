using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Tests.Support;

/// <summary>
/// A store without its <see cref="IClosureGraphStore"/> capability, so walks over it fetch one frontier per level: the
/// per-level path beside the closure fetch, in the PostgreSQL walk tests and benchmarks alike.
/// </summary>
internal sealed class LevelByLevelStore(IReasoningGraphStore inner) : IReasoningGraphStore
{
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
