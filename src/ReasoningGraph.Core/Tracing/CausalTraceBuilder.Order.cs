using System.Runtime.InteropServices;
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

        // Ranks are unique, so the heap holds ranks as both element and priority: integer compares only.
        var ready = new PriorityQueue<int, int>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(graph.Rank[i], graph.Rank[i]);
            }
        }

        // An edge releases its to-node; a node releases its outgoing edges.
        var ordered = new List<int>(items.Count);
        while (ready.TryDequeue(out int rank, out _))
        {
            int next = graph.ByRank[rank];
            ordered.Add(next);
            foreach (int dependent in graph.Successors(next))
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(graph.Rank[dependent], graph.Rank[dependent]);
                }
            }
        }

        // What a cycle blocks, appended in (createdAt, id) order.
        int sorted = ordered.Count;
        foreach (int i in graph.ByRank)
        {
            if (waiting[i] > 0)
            {
                ordered.Add(i);
            }
        }

        var remaining = CollectionsMarshal.AsSpan(ordered)[sorted..].ToArray();
        var byTarget = annotations.Count == 0 ? null : Group(annotations);
        var path = new List<CausalTraceEntry>(ordered.Count);
        foreach (int i in ordered)
        {
            IReadOnlyList<ReasoningAnnotation> on = byTarget is not null && byTarget.TryGetValue(items[i].Id, out var list) ? list : [];
            path.Add(Entry(items[i], path.Count, graph.Target[i] >= 0 ? [] : graph.ParentIds(i), on));
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

    /// <summary>
    /// The nodes on a cycle, in (createdAt, id) order. Over items, a cycle of nodes is a cycle through their edges
    /// (a self-loop included), so the strongly connected components of the item graph give them.
    /// </summary>
    private static List<Guid> NodesOnCycles(List<GraphItem> items, ItemGraph graph)
    {
        var onCycle = CycleNodes.Find(items.Count, graph.Successors);
        var nodes = new List<Guid>();
        foreach (int i in graph.ByRank)
        {
            if (onCycle[i] && graph.Target[i] < 0)
            {
                nodes.Add(items[i].Id);
            }
        }

        return nodes;
    }

    /// <summary>The annotations by target, each target's in the order given (<c>seq</c>).</summary>
    private static Dictionary<Guid, List<ReasoningAnnotation>> Group(IReadOnlyList<ReasoningAnnotation> annotations)
    {
        var byTarget = new Dictionary<Guid, List<ReasoningAnnotation>>();
        foreach (var annotation in annotations)
        {
            if (!byTarget.TryGetValue(annotation.TargetId, out var list))
            {
                byTarget.Add(annotation.TargetId, list = []);
            }

            list.Add(annotation);
        }

        return byTarget;
    }

    private static AuditReference? Reference(string? auditEventId) => auditEventId is null ? null : new AuditReference(auditEventId);
}
