using System.Diagnostics;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tracing;

/// <summary>
/// Builds ordered causal traces: the ancestor closure (one frontier fetch per level), then a Kahn sort of nodes
/// and edges together with a heap keyed by (<c>createdAt</c>, <c>id</c>), cycle remainder appended.
/// </summary>
internal sealed partial class CausalTraceBuilder(IReasoningGraphStore store, GraphLimits options, TimeProvider timeProvider)
{
    public async Task<CausalTrace> BuildAsync(Guid id, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using var activity = ReasoningGraphDiagnostics.StartTraversal("causal_trace", id);
        long asOf = await store.GetMaxSeqAsync(cancellationToken).ConfigureAwait(false);
        var (items, truncated) = await CollectAsync(id, asOf, cancellationToken).ConfigureAwait(false);
        var annotations = await store.GetAnnotationsAsync(items.Select(i => i.Id).ToList(), asOf, cancellationToken).ConfigureAwait(false);
        var trace = Order(id, items, annotations, truncated, asOf);
        activity?.SetTag("reasoning_graph.items", items.Count);
        ReasoningGraphDiagnostics.RecordTraceLatency(started, "causal_trace");
        return trace;
    }

    /// <summary>The ancestor closure: nodes in (level, createdAt, id) order, each node's incoming edges by (createdAt, id), within the size limit.</summary>
    private async Task<(List<GraphItem> Items, bool Truncated)> CollectAsync(Guid id, long asOf, CancellationToken cancellationToken)
    {
        var found = await store.GetItemsAsync([id], asOf, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0 || found[0] is not ReasoningNode root)
        {
            throw GraphErrors.NotFound("id", id, null, $"No node with id {id} exists.");
        }

        var items = new List<GraphItem> { root };
        var seen = new HashSet<Guid> { id };
        var level = new List<ReasoningNode> { root };
        int limit = options.MaxCausalTraceItems;
        while (level.Count > 0)
        {
            var frontier = await store.GetFrontierAsync(
                new FrontierRequest { NodeIds = level.Select(n => n.Id).ToList(), Direction = TraversalDirection.Ancestors, AsOf = asOf },
                cancellationToken).ConfigureAwait(false);
            var farNodes = frontier.FarNodes.ToDictionary(n => n.Id);
            var next = new List<ReasoningNode>();
            foreach (var edge in InLevelOrder(level, frontier.Edges))
            {
                bool isNew = !seen.Contains(edge.From);
                if (items.Count + (isNew ? 2 : 1) > limit)
                {
                    return (items, true);
                }

                items.Add(edge);
                if (isNew)
                {
                    seen.Add(edge.From);
                    var from = farNodes[edge.From];
                    items.Add(from);
                    next.Add(from);
                }
            }

            next.Sort(ItemOrder.Instance);
            level = next;
        }

        return (items, false);
    }

    /// <summary>The edges into a level's nodes: by the position of their to-node in the level, then (createdAt, id).</summary>
    private static ReasoningEdge[] InLevelOrder(List<ReasoningNode> level, IReadOnlyList<ReasoningEdge> edges)
    {
        var position = new Dictionary<Guid, int>(level.Count);
        for (int i = 0; i < level.Count; i++)
        {
            position.Add(level[i].Id, i);
        }

        var sorted = new ReasoningEdge[edges.Count];
        var keys = new (int Position, long Ticks, Guid Id)[edges.Count];
        int count = 0;
        foreach (var edge in edges)
        {
            if (position.TryGetValue(edge.To, out int at))
            {
                keys[count] = (at, edge.CreatedAt.UtcTicks, edge.Id);
                sorted[count++] = edge;
            }
        }

        Array.Sort(keys, sorted, 0, count);
        return count == sorted.Length ? sorted : sorted[..count];
    }
}
