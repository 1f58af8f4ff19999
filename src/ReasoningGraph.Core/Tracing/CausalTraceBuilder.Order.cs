using ReasoningGraph.Model;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Tracing;

internal sealed partial class CausalTraceBuilder
{
    /// <summary>Kahn over items (from-node → edge → to-node), ties by (createdAt, id); the blocked rest appended in that order.</summary>
    private CausalTrace Order(Guid id, List<GraphItem> items, IReadOnlyList<ReasoningAnnotation> annotations, bool truncated, long asOf)
    {
        var graph = new ItemGraph(items);
        var waiting = new int[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (graph.Target[i] >= 0)
            {
                waiting[i] = 1;
                waiting[graph.Target[i]]++;
            }
        }

        var ready = new PriorityQueue<int, (long Ticks, Guid Id)>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(i, graph.Keys[i]);
            }
        }

        // An edge releases its to-node; a node releases its outgoing edges.
        var ordered = new List<int>(items.Count);
        while (ready.TryDequeue(out int next, out _))
        {
            ordered.Add(next);
            var released = graph.Target[next] >= 0 ? new ReadOnlySpan<int>(in graph.Target[next]) : graph.Outgoing(next);
            foreach (int dependent in released)
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(dependent, graph.Keys[dependent]);
                }
            }
        }

        int[] remaining = [.. Enumerable.Range(0, items.Count).Where(i => waiting[i] > 0)];
        Array.Sort([.. remaining.Select(i => graph.Keys[i])], remaining);
        ordered.AddRange(remaining);
        var byTarget = annotations.GroupBy(a => a.TargetId).ToDictionary(g => g.Key, g => (IReadOnlyList<ReasoningAnnotation>)[.. g]);
        var path = new List<CausalTraceEntry>(ordered.Count);
        foreach (int i in ordered)
        {
            path.Add(Entry(items[i], path.Count, graph.Target[i] >= 0 ? [] : graph.ParentIds(i), byTarget.GetValueOrDefault(items[i].Id) ?? []));
        }

        return new CausalTrace
        {
            AsOf = asOf,
            TraceId = id.ToString(),
            OrderedPath = path,
            Metadata = new CausalTraceMetadata
            {
                TraceId = id.ToString(), CreatedAt = Rfc3339Nano.ToStoredPrecision(timeProvider.GetUtcNow()), Length = path.Count,
                CycleDetected = remaining.Length > 0, CycleDetails = string.Join(',', remaining.Select(r => items[r].Id)),
                CycleNodes = remaining.Length > 0 ? NodesOnCycles(items, graph) : [], Truncated = truncated,
            },
        };
    }

    private static CausalTraceEntry Entry(GraphItem item, int index, IReadOnlyList<Guid> parents, IReadOnlyList<ReasoningAnnotation> annotations) => item switch
    {
        ReasoningNode node => new CausalTraceEntry
        {
            Id = node.Id, Type = CausalTraceEntry.NodeType, EntityType = node.Type, Timestamp = node.CreatedAt, CausalIndex = index,
            ParentIds = parents, Annotations = annotations, AuditRef = Reference(node.AuditEventId), Payload = node.Payload, Item = node,
        },
        ReasoningEdge edge => new CausalTraceEntry
        {
            Id = edge.Id, Type = CausalTraceEntry.EdgeType, EntityType = edge.Type, Timestamp = edge.CreatedAt, CausalIndex = index,
            ParentIds = [edge.From], Annotations = annotations, AuditRef = Reference(edge.AuditEventId), From = edge.From, To = edge.To, Item = edge,
        },
        _ => throw new InvalidOperationException("A trace holds only nodes and edges."),
    };

    private static List<Guid> NodesOnCycles(List<GraphItem> items, ItemGraph graph)
    {
        var successors = new List<int>?[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (graph.Target[i] >= 0)
            {
                (successors[graph.Source[i]] ??= []).Add(graph.Target[i]);
            }
        }

        var onCycle = CycleNodes.Find(items.Count, successors);
        return [.. items.Where((item, i) => onCycle[i] && item is ReasoningNode).Order(ItemOrder.Instance).Select(i => i.Id)];
    }

    private static AuditReference? Reference(string? auditEventId) => auditEventId is null ? null : new AuditReference(auditEventId);
}
