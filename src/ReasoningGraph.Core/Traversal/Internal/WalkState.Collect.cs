using ReasoningGraph.Primitives;

namespace ReasoningGraph.Traversal.Internal;

internal abstract partial class WalkState<TNode, TEdge>
{
    public virtual async Task<CollectedWalk> CollectAsync(int maxItems, bool withEnds, CancellationToken cancellationToken)
    {
        _collecting = true;
        int capacity = Math.Min(maxItems, 1024);
        var items = new List<Model.GraphItem>(capacity);

        // With ends: by walk position the node's item, and by item an edge's from and to item (-1 for a node).
        int[] itemOf = withEnds ? new int[Math.Max(NodeCount, 16)] : [];
        int[] source = withEnds ? new int[capacity] : [];
        int[] target = withEnds ? new int[capacity] : [];
        for (int r = 0; r < NodeCount; r++)
        {
            if (withEnds)
            {
                itemOf[r] = items.Count;
                AddEnds(ref source, ref target, items.Count, -1, -1);
            }

            items.Add(NodeObject(r, _nodes[r]));
        }

        for (int p = 0; p < NodeCount; p++)
        {
            while (!IsComplete && KnownEdgeNodes <= p)
            {
                await ExpandAsync(cancellationToken).ConfigureAwait(false);
            }

            for (int e = _edgeStart[p], end = e + _edgeCount[p]; e < end; e++)
            {
                if (e + PrefetchAhead < _edgeTotal)
                {
                    PrefetchEdge(_edges[e + PrefetchAhead], _far[e + PrefetchAhead]);
                }

                bool first = !_revisit[e];
                if (items.Count + (first ? 2 : 1) > maxItems)
                {
                    return new CollectedWalk(items, Truncated: true, withEnds ? source : null, withEnds ? target : null);
                }

                if (withEnds)
                {
                    // A far node reached first is the item right after its edge; a revisit's is already placed.
                    int far = _far[e];
                    if (first)
                    {
                        itemOf = ArrayGrowth.Ensure(itemOf, far + 1);
                        itemOf[far] = items.Count + 1;
                    }

                    (int from, int to) = Descendants ? (itemOf[p], itemOf[far]) : (itemOf[far], itemOf[p]);
                    AddEnds(ref source, ref target, items.Count, from, to);
                    if (first)
                    {
                        AddEnds(ref source, ref target, items.Count + 1, -1, -1);
                    }
                }

                items.Add(EdgeObject(_edges[e], p, _far[e]));
                if (first)
                {
                    items.Add(NodeObject(_far[e], _nodes[_far[e]]));
                }
            }
        }

        return new CollectedWalk(items, Truncated: false, withEnds ? source : null, withEnds ? target : null);
    }

    private static void AddEnds(ref int[] source, ref int[] target, int item, int from, int to)
    {
        source = ArrayGrowth.Ensure(source, item + 1, zeroed: false);
        target = ArrayGrowth.Ensure(target, item + 1, zeroed: false);
        source[item] = from;
        target[item] = to;
    }
}
