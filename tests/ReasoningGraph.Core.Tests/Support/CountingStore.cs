using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Tests.Support;

/// <summary>Counts the store round trips a caller makes.</summary>
public sealed class CountingStore(IReasoningGraphStore inner) : IReasoningGraphStore
{
    private int _frontierCalls;
    private int _itemCalls;

    /// <summary>The wrapped store: a service over it uses its own capabilities (the in-memory store's indexed walk).</summary>
    public IReasoningGraphStore Inner => inner;

    public int FrontierCalls => Volatile.Read(ref _frontierCalls);

    public int ItemCalls => Volatile.Read(ref _itemCalls);

    public void Reset()
    {
        _frontierCalls = 0;
        _itemCalls = 0;
    }

    public List<int> FrontierSizes { get; } = [];

    public ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default) => inner.GetMaxSeqAsync(cancellationToken);

    public Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public Task<IReadOnlyList<GraphItem>> GetItemsAsync(IReadOnlyCollection<Guid> ids, long asOf, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _itemCalls);
        return inner.GetItemsAsync(ids, asOf, cancellationToken);
    }

    public Task<FrontierResult> GetFrontierAsync(FrontierRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _frontierCalls);
        lock (FrontierSizes)
        {
            FrontierSizes.Add(request.NodeIds.Count);
        }

        return inner.GetFrontierAsync(request, cancellationToken);
    }

    public Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(IReadOnlyCollection<Guid> targetIds, long asOf, CancellationToken cancellationToken = default) =>
        inner.GetAnnotationsAsync(targetIds, asOf, cancellationToken);

    public Task<IReadOnlyList<ReasoningNode>> QueryNodesAsync(NodeFilter filter, long afterSeq, long asOf, int limit, CancellationToken cancellationToken = default) =>
        inner.QueryNodesAsync(filter, afterSeq, asOf, limit, cancellationToken);

    public IAsyncEnumerable<GraphItem> ReadAllAsync(long afterSeq, long asOf, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(afterSeq, asOf, cancellationToken);
}
