using System.Runtime.InteropServices;
using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// One walk, materialized lazily level by level and kept (in the <see cref="WalkCache"/>) so that every page of
/// it, in any order, resumes where the walk already is instead of redoing earlier levels. The content is a
/// pure function of the <see cref="WalkQuery"/> (including <c>asOf</c>), so sharing it between requests and
/// rebuilding it after eviction give identical pages. Callers hold <see cref="Gate"/> while using it.
/// </summary>
internal sealed partial class WalkState(IReasoningGraphStore store, WalkQuery query)
{
    private readonly List<Visit> _nodes = [];
    private readonly Dictionary<Guid, int> _index = [];
    private readonly List<TraversedEdge> _edges = [];
    private readonly List<int> _levelStart = [];
    private readonly CycleDetector _cycles = new();
    private int _expandedLevels;
    private bool _complete;

    /// <summary>The number of edges (in breadth-first order) at which the first cycle appeared; int.MaxValue when none.</summary>
    private int _firstCycleEdges = int.MaxValue;

    public WalkQuery Query => query;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool IsInitialized => _nodes.Count > 0;

    /// <summary>Number of nodes materialized so far (for cache accounting).</summary>
    public int Size => _nodes.Count + _edges.Count;

    /// <summary>Reads the root; <c>NOT_FOUND</c> when it is not a node visible as of the walk's <c>asOf</c>.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var found = await store.GetItemsAsync([query.Root], query.AsOf, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0 || found[0] is not ReasoningNode root)
        {
            throw GraphErrors.NotFound("root", query.Root, null, $"No node with id {query.Root} exists (as of seq {query.AsOf}).");
        }

        _index.Add(root.Id, 0);
        _levelStart.Add(0);
        _nodes.Add(new Visit(root, 0));
    }

    /// <summary>The page of up to <paramref name="pageSize"/> nodes starting at walk position <paramref name="position"/>.</summary>
    public async Task<(List<TraversalStep> Steps, List<TraversedEdge> Edges, bool Cycle, bool HasMore)> GetPageAsync(
        int position, int pageSize, CancellationToken cancellationToken)
    {
        long target = (long)position + pageSize;
        if (query.Order == TraversalOrder.DepthFirst)
        {
            while (!_complete)
            {
                await ExpandAsync(cancellationToken).ConfigureAwait(false);
            }

            return DepthFirstPage(position, pageSize);
        }

        while (!_complete && (KnownEdgeNodes < Math.Min(target, _nodes.Count) || _nodes.Count <= target))
        {
            await ExpandAsync(cancellationToken).ConfigureAwait(false);
        }

        int end = (int)Math.Min(target, _nodes.Count);
        var steps = new List<TraversalStep>(Math.Max(end - position, 0));
        var edges = new List<TraversedEdge>();
        int edgesThrough = 0;
        for (int i = position; i < end; i++)
        {
            var visit = _nodes[i];
            steps.Add(new TraversalStep(visit.Node, visit.Depth));
            edges.AddRange(CollectionsMarshal.AsSpan(_edges).Slice(visit.EdgeStart, visit.EdgeCount));
            edgesThrough = visit.EdgeStart + visit.EdgeCount;
        }

        return (steps, edges, steps.Count > 0 && _firstCycleEdges <= edgesThrough, end < _nodes.Count);
    }

    /// <summary>Nodes whose edges are known: every node of the expanded levels.</summary>
    private int KnownEdgeNodes => _expandedLevels < _levelStart.Count ? _levelStart[_expandedLevels] : _nodes.Count;
}
