using ReasoningGraph.Model;

namespace ReasoningGraph.Tracing;

internal sealed partial class CausalTraceBuilder
{
    /// <summary>Kahn over items (from-node → edge → to-node), ties by (createdAt, id); the blocked rest appended in that order.</summary>
    private CausalTrace Order(Guid id, List<GraphItem> items, IReadOnlyList<ReasoningAnnotation> annotations, bool truncated)
    {
        var position = new Dictionary<Guid, int>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            position.Add(items[i].Id, i);
        }

        // Dependents of each item and the number of items each waits for.
        var dependents = new List<int>?[items.Count];
        var waiting = new int[items.Count];
        var parents = new List<Guid>?[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is ReasoningEdge edge)
            {
                int from = position[edge.From], to = position[edge.To];
                (dependents[from] ??= []).Add(i);
                (dependents[i] ??= []).Add(to);
                waiting[i]++;
                waiting[to]++;
                (parents[to] ??= []).Add(edge.From);
            }
        }

        var ready = new PriorityQueue<int, GraphItem>(ItemOrder.Instance);
        for (int i = 0; i < items.Count; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(i, items[i]);
            }
        }

        var ordered = new List<int>(items.Count);
        while (ready.TryDequeue(out int next, out _))
        {
            ordered.Add(next);
            foreach (int dependent in dependents[next] ?? [])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(dependent, items[dependent]);
                }
            }
        }

        var remaining = Enumerable.Range(0, items.Count).Where(i => waiting[i] > 0).Select(i => items[i]).Order(ItemOrder.Instance).ToList();
        ordered.AddRange(remaining.Select(r => position[r.Id]));
        var byTarget = annotations.GroupBy(a => a.TargetId).ToDictionary(g => g.Key, g => (IReadOnlyList<ReasoningAnnotation>)[.. g]);
        var path = new List<CausalTraceEntry>(ordered.Count);
        foreach (int i in ordered)
        {
            path.Add(Entry(items[i], path.Count, parents[i], byTarget.GetValueOrDefault(items[i].Id) ?? []));
        }

        return new CausalTrace
        {
            TraceId = id.ToString(),
            OrderedPath = path,
            Metadata = new CausalTraceMetadata
            {
                TraceId = id.ToString(), CreatedAt = Rfc3339Nano.ToStoredPrecision(timeProvider.GetUtcNow()), Length = path.Count,
                CycleDetected = remaining.Count > 0, CycleDetails = string.Join(',', remaining.Select(r => r.Id)),
                CycleNodes = remaining.Count > 0 ? NodesOnCycles(items, position) : [], Truncated = truncated,
            },
        };
    }

    private static CausalTraceEntry Entry(GraphItem item, int index, List<Guid>? parents, IReadOnlyList<ReasoningAnnotation> annotations) => item switch
    {
        ReasoningNode node => new CausalTraceEntry
        {
            Id = node.Id, Type = CausalTraceEntry.NodeType, EntityType = node.Type, Timestamp = node.CreatedAt, CausalIndex = index,
            ParentIds = parents is null ? [] : [.. parents.Distinct().Order()], Annotations = annotations,
            AuditRef = node.AuditEventId, Payload = node.Payload, Item = node,
        },
        ReasoningEdge edge => new CausalTraceEntry
        {
            Id = edge.Id, Type = CausalTraceEntry.EdgeType, EntityType = edge.Type, Timestamp = edge.CreatedAt, CausalIndex = index,
            ParentIds = [edge.From], Annotations = annotations, AuditRef = edge.AuditEventId, From = edge.From, To = edge.To, Item = edge,
        },
        _ => throw new InvalidOperationException("A trace holds only nodes and edges."),
    };

    private static List<Guid> NodesOnCycles(List<GraphItem> items, Dictionary<Guid, int> position)
    {
        var successors = new List<int>?[items.Count];
        foreach (var item in items)
        {
            if (item is ReasoningEdge edge)
            {
                (successors[position[edge.From]] ??= []).Add(position[edge.To]);
            }
        }

        var onCycle = CycleNodes.Find(items.Count, successors);
        return [.. items.Where((item, i) => onCycle[i] && item is ReasoningNode).Order(ItemOrder.Instance).Select(i => i.Id)];
    }
}
