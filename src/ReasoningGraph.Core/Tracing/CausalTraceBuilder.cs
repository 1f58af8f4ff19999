using System.Diagnostics;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tracing;

/// <summary>
/// Builds ordered causal traces: the ancestor closure, collected by the walk engine (so through the store's indexed
/// view or closure fetch when it has them), then a Kahn sort of nodes and edges together with a heap keyed by
/// (<c>createdAt</c>, <c>id</c>), cycle remainder appended.
/// </summary>
internal sealed partial class CausalTraceBuilder(IReasoningGraphStore store, GraphLimits options, TimeProvider timeProvider)
{
    public async Task<CausalTrace> BuildAsync(Guid id, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using var activity = ReasoningGraphDiagnostics.StartTraversal("causal_trace", id);
        long asOf = await store.GetMaxSeqAsync(cancellationToken).ConfigureAwait(false);
        var walk = await CollectAsync(id, asOf, cancellationToken).ConfigureAwait(false);
        var annotations = await store.GetAnnotationsAsync(Ids(walk.Items), asOf, cancellationToken).ConfigureAwait(false);
        var trace = Order(id, walk, annotations, asOf);
        activity?.SetTag("reasoning_graph.items", walk.Items.Count);
        ReasoningGraphDiagnostics.RecordTraceLatency(started, "causal_trace");
        return trace;
    }

    /// <summary>
    /// The ancestor closure as the walk engine finds it (<see cref="Walks.CollectAsync"/>, with its indexed and closure
    /// paths): the root, then each level's incoming edges by (position of their to-node, createdAt, id), each followed by
    /// the node it reaches first; nodes in (level, createdAt, id) order; cut at the configured size. With each edge's
    /// ends as item positions, which the ordering needs.
    /// </summary>
    private async Task<CollectedWalk> CollectAsync(Guid id, long asOf, CancellationToken cancellationToken)
    {
        var found = await store.GetItemsAsync([id], asOf, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0 || found[0] is not ReasoningNode root)
        {
            throw GraphErrors.NotFound("id", id, null, $"No node with id {id} exists.");
        }

        return await Walks.CollectAsync(store, [root], TraversalDirection.Ancestors, int.MaxValue, asOf, options.MaxCausalTraceItems, withEnds: true, cancellationToken)
            .ConfigureAwait(false);
    }

    private static Guid[] Ids(List<GraphItem> items)
    {
        var ids = new Guid[items.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = items[i].Id;
        }

        return ids;
    }
}
