using System.Diagnostics;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Traversal.Internal;

internal abstract partial class WalkState<TNode, TEdge>
{
    /// <summary>
    /// Follows the edges of the nodes at walk positions <paramref name="start"/> to <paramref name="end"/> - 1 (one
    /// whole level) and calls <see cref="CommitLevel"/> exactly once with what it found. Must not change the walk
    /// otherwise, so a failure leaves it as it was.
    /// </summary>
    protected abstract Task ExpandLevelAsync(int start, int end, CancellationToken cancellationToken);

    /// <summary>
    /// Adds an expanded level to the walk; cannot fail, so a subclass decides everything (and validates what its
    /// store returned) before calling it.
    /// </summary>
    /// <param name="start">The level's first walk position.</param>
    /// <param name="end">One past its last.</param>
    /// <param name="edges">The edges followed, by the walk position of their near end, then (createdAt, id).</param>
    /// <param name="nearOf">Each edge's near-end walk position (ascending, within the level).</param>
    /// <param name="farAt">Each edge's far end: its walk position, or <c>~i</c> for <paramref name="discovered"/>[i].</param>
    /// <param name="discovered">The nodes first reached in this level, in (createdAt, id) order.</param>
    /// <param name="discoveredSeq">Their <c>seq</c>s.</param>
    protected void CommitLevel(int start, int end, ReadOnlySpan<TEdge> edges, ReadOnlySpan<int> nearOf, ReadOnlySpan<int> farAt,
        ReadOnlySpan<TNode> discovered, ReadOnlySpan<long> discoveredSeq)
    {
        int first = NodeCount, depth = _expandedLevels + 1;
        if (discovered.Length > 0)
        {
            _levelStart.Add(first);
        }

        for (int d = 0; d < discovered.Length; d++)
        {
            AddNode(discovered[d], depth, discoveredSeq[d]);
        }

        // Not zeroed: an edge's entries are written before they are read.
        int needed = _edgeTotal + edges.Length;
        _edges = ArrayGrowth.Ensure(_edges, needed, zeroed: false);
        _far = ArrayGrowth.Ensure(_far, needed, zeroed: false);
        _revisit = ArrayGrowth.Ensure(_revisit, needed, zeroed: false);

        // A discovered node is reached first (not a revisit) through the first of its edges in level order.
        var reached = discovered.Length == 0 ? [] : new bool[discovered.Length];
        int k = 0;
        for (int i = start; i < end; i++)
        {
            _edgeStart[i] = _edgeTotal;
            for (; k < edges.Length && nearOf[k] == i; k++)
            {
                int far = farAt[k];
                bool revisit = true;
                if (far < 0)
                {
                    revisit = reached[~far];
                    reached[~far] = true;
                    far = first + ~far;
                }

                int e = _edgeTotal++;
                _edges[e] = edges[k];
                _far[e] = far;
                _revisit[e] = revisit;
                if (!_collecting && _firstCycleEdges == int.MaxValue)
                {
                    var (from, to) = Descendants ? (i, far) : (far, i);
                    if (_cycles.AddEdge(from, _seq[from], to, _seq[to]))
                    {
                        _firstCycleEdges = _edgeTotal;
                    }
                }
            }

            _edgeCount[i] = _edgeTotal - _edgeStart[i];
        }

        Debug.Assert(k == edges.Length, "every edge's near end lies in the level");
        _expandedLevels++;
        IsComplete = discovered.Length == 0;
    }

    private Task ExpandAsync(CancellationToken cancellationToken)
    {
        int level = _expandedLevels;
        int start = _levelStart[level], end = NodeCount;
        if (level < query.Depth)
        {
            return ExpandLevelAsync(start, end, cancellationToken);
        }

        // The depth limit: the last level's nodes are returned without following their edges.
        for (int i = start; i < end; i++)
        {
            _edgeStart[i] = _edgeTotal;
            _edgeCount[i] = 0;
        }

        _expandedLevels++;
        IsComplete = true;
        return Task.CompletedTask;
    }
}
