using System.Runtime.CompilerServices;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.InMemory;

public sealed partial class InMemoryGraphStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<ReasoningNode>> QueryNodesAsync(NodeFilter filter, long afterSeq, long asOf, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var state = State;
        int max = state.ClampAsOf(asOf);
        var matcher = new NodeFilterMatcher(filter);
        var found = new List<ReasoningNode>(Math.Min(limit, 256));
        for (int i = FirstNodeAfter(state, afterSeq); i < state.NodeCount && found.Count < limit; i++)
        {
            var node = state.Nodes[i].Node;
            if (node.Seq > max)
            {
                break;
            }

            if (matcher.Matches(node, state.Nodes[i].Confidence))
            {
                found.Add(node);
            }
        }

        return Task.FromResult<IReadOnlyList<ReasoningNode>>(found);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<GraphItem> ReadAllAsync(long afterSeq, long asOf, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var state = State;
        int last = state.ClampAsOf(asOf);
        for (long seq = Math.Max(afterSeq, 0) + 1; seq <= last; seq++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((seq & 1023) == 0)
            {
                await Task.Yield();
            }

            yield return Materialize(state, (int)seq);
        }
    }

    private static int FirstNodeAfter(StoreState state, long afterSeq)
    {
        int low = 0, high = state.NodeCount;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (state.Nodes[mid].Node.Seq <= afterSeq)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
