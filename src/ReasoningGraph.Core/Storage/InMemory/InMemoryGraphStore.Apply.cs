using System.Runtime.InteropServices;
using ReasoningGraph.Model;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Storage.InMemory;

public sealed partial class InMemoryGraphStore
{
    /// <summary>Writes planned items into the arrays and indexes, then publishes the new state.</summary>
    private void Apply(IReadOnlyList<GraphItem> items)
    {
        // The plan's list is an array or a List: walked as a span, without an interface call per item.
        ReadOnlySpan<GraphItem> created = items switch
        {
            GraphItem[] array => array,
            List<GraphItem> list => CollectionsMarshal.AsSpan(list),
            _ => [.. items],
        };
        var s = _state;
        int nodeCount = s.NodeCount, edgeCount = s.EdgeCount, annotationCount = s.AnnotationCount, maxSeq = s.MaxSeq;
        var nodes = s.Nodes;
        var edges = s.Edges;
        var log = ArrayGrowth.Ensure(s.Log, maxSeq + created.Length);
        var types = s.EdgeTypes;
        var ids = s.Ids;
        var heads = s.AnnotationHeads;
        foreach (var item in created)
        {
            if (ids.IsFull)
            {
                ids = ids.Grow();
            }

            switch (item)
            {
                case ReasoningNode node:
                    nodes = ArrayGrowth.Ensure(nodes, nodeCount + 1);
                    _outCount = ArrayGrowth.Ensure(_outCount, nodes.Length, exact: true);
                    _inCount = ArrayGrowth.Ensure(_inCount, nodes.Length, exact: true);
                    nodes[nodeCount] = new NodeSlot { Node = node, Id = node.Id, Confidence = NodeFilterMatcher.Confidence(node.Metadata), CreatedTicks = node.CreatedAt.UtcTicks, Seq = checked((int)node.Seq) };
                    log[maxSeq] = (nodeCount++ << 2) | (int)GraphItemKind.Node;
                    break;
                case ReasoningEdge edge:
                    edges = ArrayGrowth.Ensure(edges, edgeCount + 1);
                    var resolver = new ItemIdResolver(log, nodes, edges, _annotationsCurrent);
                    int from = NodeIndex(ids, log, maxSeq, resolver, edge.From), to = NodeIndex(ids, log, maxSeq, resolver, edge.To);
                    edges[edgeCount] = ToRecord(edge, from, to, ref types);
                    AddAdjacent(ref nodes[from].Out, ref _outCount[from], edgeCount + 1);
                    AddAdjacent(ref nodes[to].In, ref _inCount[to], edgeCount + 1);
                    log[maxSeq] = (edgeCount++ << 2) | (int)GraphItemKind.Edge;
                    break;
                case ReasoningAnnotation annotation:
                    var current = ArrayGrowth.Ensure(_annotationsCurrent, annotationCount + 1);
                    current[annotationCount] = new AnnotationSlot(annotation, heads.Get(annotation.TargetId, int.MaxValue, new AnnotationTargetResolver(current)));
                    Volatile.Write(ref _annotationsCurrent, current);
                    if (heads.IsFull)
                    {
                        heads = heads.Grow();
                    }

                    heads.Set(annotation.TargetId, annotationCount + 1, new AnnotationTargetResolver(current));
                    log[maxSeq] = (annotationCount++ << 2) | (int)GraphItemKind.Annotation;
                    break;
            }

            ids.Add(item.Id, ++maxSeq);
        }

        Volatile.Write(ref _state, new StoreState
        {
            Nodes = nodes, NodeCount = nodeCount, Edges = edges, EdgeCount = edgeCount,
            Annotations = _annotationsCurrent, AnnotationCount = annotationCount, Log = log, MaxSeq = maxSeq,
            EdgeTypes = types, Ids = ids, AnnotationHeads = heads,
        });
    }

    private static int NodeIndex(IdIndex ids, int[] log, int maxSeq, ItemIdResolver resolver, Guid id) => log[ids.Get(id, maxSeq, resolver) - 1] >> 2;

    private EdgeRecord ToRecord(ReasoningEdge edge, int from, int to, ref string[] types)
    {
        if (!_edgeTypeIds.TryGetValue(edge.Type, out int typeId))
        {
            typeId = _edgeTypeIds.Count;
            _edgeTypeIds.Add(edge.Type, typeId);
            types = [.. types, edge.Type];
        }

        bool plain = JsonValues.IsEmptyObject(edge.Metadata) && edge.AuditEventId is null;
        return new EdgeRecord
        {
            Id = edge.Id, From = from, To = to, TypeId = typeId, Seq = checked((int)edge.Seq),
            CreatedTicks = edge.CreatedAt.UtcTicks, Weight = edge.Weight ?? double.NaN,
            Extra = plain ? null : new EdgeExtra(edge.Metadata, edge.AuditEventId),
        };
    }

    /// <summary>Appends to an adjacency array, publishing a larger copy when it is full.</summary>
    private static void AddAdjacent(ref int[]? list, ref int count, int value)
    {
        var array = list;
        if (array is null || count == array.Length)
        {
            var larger = new int[array is null ? 2 : array.Length * 2];
            array?.CopyTo(larger, 0);
            larger[count] = value;
            Volatile.Write(ref list, larger);
        }
        else
        {
            array[count] = value;
        }

        count++;
    }
}
