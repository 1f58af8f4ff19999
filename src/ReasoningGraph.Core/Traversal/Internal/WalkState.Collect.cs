namespace ReasoningGraph.Traversal.Internal;

internal abstract partial class WalkState<TNode, TEdge>
{
    public virtual async Task<CollectedWalk> CollectAsync(int maxItems, CancellationToken cancellationToken)
    {
        _collecting = true;
        var items = new List<Model.GraphItem>(Math.Min(maxItems, 1024));
        for (int r = 0; r < NodeCount; r++)
        {
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
                    return new CollectedWalk(items, Truncated: true);
                }

                items.Add(EdgeObject(_edges[e], p, _far[e]));
                if (first)
                {
                    items.Add(NodeObject(_far[e], _nodes[_far[e]]));
                }
            }
        }

        return new CollectedWalk(items, Truncated: false);
    }
}
