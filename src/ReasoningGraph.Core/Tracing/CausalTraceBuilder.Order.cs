using System.Buffers;
using ReasoningGraph.Model;
using ReasoningGraph.Primitives;
using ReasoningGraph.Traversal.Internal;

namespace ReasoningGraph.Tracing;

internal sealed partial class CausalTraceBuilder
{
    /// <summary>Kahn over items (from-node → edge → to-node), ties by (createdAt, id); the blocked rest appended in that order.</summary>
    private CausalTrace Order(Guid id, CollectedWalk walk, IReadOnlyList<ReasoningAnnotation> annotations, long asOf)
    {
        var items = walk.Items;
        using var graph = new ItemGraph(items, walk.Source!, walk.Target!);
        int count = graph.Count;
        var ordered = ArrayPool<int>.Shared.Rent(count);
        int placed = Kahn(graph, ordered);
        try
        {
            var byTarget = annotations.Count == 0 ? null : Group(annotations);
            var path = new List<CausalTraceEntry>(count);
            for (int k = 0; k < count; k++)
            {
                int i = ordered[k];
                IReadOnlyList<ReasoningAnnotation> on = byTarget is not null && byTarget.TryGetValue(items[i].Id, out var list) ? list : [];
                var parents = graph.Target[i] >= 0 ? [((ReasoningEdge)items[i]).From] : graph.ParentIds(i);
                path.Add(new CausalTraceEntry { Item = items[i], CausalIndex = k, ParentIds = parents, Annotations = on });
            }

            string traceId = id.ToString();
            bool cycle = placed < count;
            return new CausalTrace
            {
                AsOf = asOf,
                TraceId = traceId,
                OrderedPath = path,
                Metadata = new CausalTraceMetadata
                {
                    TraceId = traceId, CreatedAt = Rfc3339Nano.ToStoredPrecision(timeProvider.GetUtcNow()), Length = count,
                    CycleDetected = cycle, CycleDetails = cycle ? Details(items, ordered.AsSpan(placed, count - placed)) : "",
                    CycleNodes = cycle ? NodesOnCycles(items, graph) : [], Truncated = walk.Truncated,
                },
            };
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ordered);
        }
    }

    /// <summary>
    /// Writes the order into <paramref name="ordered"/>: what Kahn places, then what a cycle blocks in (createdAt, id)
    /// order; returns how many Kahn placed.
    /// </summary>
    private static int Kahn(ItemGraph graph, int[] ordered)
    {
        int count = graph.Count;
        var waiting = ArrayPool<int>.Shared.Rent(count);
        Array.Clear(waiting, 0, count);
        for (int i = 0; i < count; i++)
        {
            if (graph.Target[i] >= 0)
            {
                waiting[i] = 1;
                waiting[graph.Target[i]]++;
            }
        }

        // Ranks are unique, so the heap holds bare ranks: integer compares only.
        var ready = new RankHeap(count);
        for (int i = 0; i < count; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Push(graph.Rank[i]);
            }
        }

        // An edge releases its to-node; a node releases its outgoing edges.
        int placed = 0;
        while (ready.Count > 0)
        {
            int next = graph.ByRank[ready.Pop()];
            ordered[placed++] = next;
            foreach (int dependent in graph.Successors(next))
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Push(graph.Rank[dependent]);
                }
            }
        }

        ready.Dispose();
        int sorted = placed;
        for (int r = 0; sorted < count && r < count; r++)
        {
            if (waiting[graph.ByRank[r]] > 0)
            {
                ordered[sorted++] = graph.ByRank[r];
            }
        }

        ArrayPool<int>.Shared.Return(waiting);
        return placed;
    }

    /// <summary>The blocked items' ids, comma-separated, written once into a string of the exact length.</summary>
    private static string Details(List<GraphItem> items, ReadOnlySpan<int> blocked)
    {
        const int GuidLength = 36;
        var ids = new Guid[blocked.Length];
        for (int k = 0; k < ids.Length; k++)
        {
            ids[k] = items[blocked[k]].Id;
        }

        return string.Create((ids.Length * (GuidLength + 1)) - 1, ids, static (chars, ids) =>
        {
            int at = 0;
            for (int k = 0; k < ids.Length; k++)
            {
                if (k > 0)
                {
                    chars[at++] = ',';
                }

                ids[k].TryFormat(chars[at..], out int written);
                at += written;
            }
        });
    }

    /// <summary>
    /// The nodes on a cycle, in (createdAt, id) order. Over items, a cycle of nodes is a cycle through their edges
    /// (a self-loop included), so the strongly connected components of the item graph give them.
    /// </summary>
    private static List<Guid> NodesOnCycles(List<GraphItem> items, ItemGraph graph)
    {
        var onCycle = CycleNodes.Find(graph.Count, graph.Successors);
        var nodes = new List<Guid>();
        for (int r = 0; r < graph.Count; r++)
        {
            int i = graph.ByRank[r];
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
}
