using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Tests.Support;

/// <summary>Counts the store round trips a caller makes.</summary>
public sealed class CountingStore(IReasoningGraphStore inner) : ForwardingStore(inner)
{
    private int _frontierCalls;
    private int _itemCalls;

    public int FrontierCalls => Volatile.Read(ref _frontierCalls);

    public int ItemCalls => Volatile.Read(ref _itemCalls);

    public void Reset()
    {
        _frontierCalls = 0;
        _itemCalls = 0;
    }

    public List<int> FrontierSizes { get; } = [];

    public override Task<IReadOnlyList<GraphItem>> GetItemsAsync(IReadOnlyCollection<Guid> ids, long asOf, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _itemCalls);
        return Inner.GetItemsAsync(ids, asOf, cancellationToken);
    }

    public override Task<FrontierResult> GetFrontierAsync(FrontierRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _frontierCalls);
        lock (FrontierSizes)
        {
            FrontierSizes.Add(request.NodeIds.Count);
        }

        return Inner.GetFrontierAsync(request, cancellationToken);
    }
}
