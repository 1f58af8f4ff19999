using ReasoningGraph.Model;
using ReasoningGraph.Errors;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// One walk, materialized lazily level by level and kept (in the <see cref="WalkCache"/>) so that every page of
/// it, in any order, resumes where the walk already is instead of redoing earlier levels. The content is a
/// pure function of the <see cref="WalkQuery"/> (including <c>asOf</c>), so sharing it between requests and
/// rebuilding it after eviction give identical pages. The bookkeeping (depths, edge slices, far ends, revisits,
/// cycles, the depth-first order) is integers by walk position; a subclass fetches levels from its store path
/// and decides what a node (<typeparamref name="TNode"/>) and an edge (<typeparamref name="TEdge"/>) are kept as.
/// </summary>
internal abstract partial class WalkState<TNode, TEdge>(WalkQuery query) : IWalk
{
    /// <summary>How many edges ahead a page prefetches what its edge objects are made from.</summary>
    private const int PrefetchAhead = 8;

    private readonly List<int> _levelStart = [];
    private readonly CycleDetector _cycles = new();
    private TNode[] _nodes = [];
    private int[] _depth = [];
    private long[] _seq = [];
    private int[] _edgeStart = [];
    private int[] _edgeCount = [];
    private TEdge[] _edges = [];
    private int[] _far = [];
    private bool[] _revisit = [];
    private int _edgeTotal;
    private int _expandedLevels;

    /// <summary>The number of edges (in breadth-first order) at which the first cycle appeared; int.MaxValue when none.</summary>
    private int _firstCycleEdges = int.MaxValue;

    /// <summary>A collected walk (<see cref="CollectAsync"/>) reports no cycle flag, so it runs no cycle detector.</summary>
    private bool _collecting;

    public WalkQuery Query => query;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool IsInitialized => NodeCount > 0;

    /// <summary>Nodes in the walk so far; positions 0 to NodeCount - 1.</summary>
    protected int NodeCount { get; private set; }

    /// <summary>Every level is expanded.</summary>
    protected bool IsComplete { get; private set; }

    protected bool Descendants => query.Direction == TraversalDirection.Descendants;

    /// <summary>Nodes whose edges are known: every node of the expanded levels.</summary>
    private int KnownEdgeNodes => _expandedLevels < _levelStart.Count ? _levelStart[_expandedLevels] : NodeCount;

    public abstract Task InitializeAsync(CancellationToken cancellationToken);

    public abstract void Start(IReadOnlyList<ReasoningNode> roots);

    public virtual async Task<(List<TraversalStep> Steps, List<TraversedEdge> Edges, bool Cycle, bool HasMore)> GetPageAsync(
        int position, int pageSize, CancellationToken cancellationToken)
    {
        long target = (long)position + pageSize;
        if (query.Order == TraversalOrder.DepthFirst)
        {
            while (!IsComplete)
            {
                await ExpandAsync(cancellationToken).ConfigureAwait(false);
            }

            return DepthFirstPage(position, pageSize);
        }

        while (!IsComplete && (KnownEdgeNodes < Math.Min(target, NodeCount) || NodeCount <= target))
        {
            await ExpandAsync(cancellationToken).ConfigureAwait(false);
        }

        int end = (int)Math.Min(target, NodeCount);
        var steps = new List<TraversalStep>(Math.Max(end - position, 0));
        var edges = new List<TraversedEdge>(end > position ? _edgeStart[end - 1] + _edgeCount[end - 1] - _edgeStart[position] : 0);
        int edgesThrough = 0;
        for (int i = position; i < end; i++)
        {
            AddToPage(i, steps, edges);
            edgesThrough = _edgeStart[i] + _edgeCount[i];
        }

        return (steps, edges, steps.Count > 0 && _firstCycleEdges <= edgesThrough, end < NodeCount);
    }

    /// <summary>The node kept at a walk position.</summary>
    protected TNode NodeAt(int position) => _nodes[position];

    /// <summary>The nodes kept at walk positions <paramref name="start"/> to <paramref name="end"/> - 1.</summary>
    protected ReadOnlySpan<TNode> Positions(int start, int end) => _nodes.AsSpan(start, end - start);

    /// <summary>The page object of the node kept at walk position <paramref name="position"/>.</summary>
    protected TraversalStep Step(int position, TNode node, int depth) => new(NodeObject(position, node), depth);

    /// <summary>The node object of the node kept at walk position <paramref name="position"/>.</summary>
    protected abstract ReasoningNode NodeObject(int position, TNode node);

    /// <summary>The page object of a kept edge, followed from walk position <paramref name="near"/> to <paramref name="far"/>.</summary>
    protected abstract ReasoningEdge EdgeObject(TEdge edge, int near, int far);

    /// <summary>
    /// A hint that <see cref="EdgeObject"/> will soon be called for <paramref name="edge"/>, whose far end is at walk
    /// position <paramref name="far"/>; by default nothing.
    /// </summary>
    protected virtual void PrefetchEdge(TEdge edge, int far)
    {
    }

    /// <summary>The error for a root that is not a node visible as of the walk's <c>asOf</c>.</summary>
    protected ReasoningGraphException RootNotFound() =>
        GraphErrors.NotFound("root", query.Root, null, $"No node with id {query.Root} exists (as of seq {query.AsOf}).");

    /// <summary>Adds a root: level 0 holds every root (one for a paged walk, several for a collected one).</summary>
    protected void AddRoot(TNode root, long seq)
    {
        if (NodeCount == 0)
        {
            _levelStart.Add(0);
        }

        AddNode(root, 0, seq);
    }

    /// <summary>Adds a walk position's node and the edges followed from it to a page.</summary>
    private void AddToPage(int position, List<TraversalStep> steps, List<TraversedEdge> edges)
    {
        steps.Add(Step(position, _nodes[position], _depth[position]));
        for (int e = _edgeStart[position], end = e + _edgeCount[position]; e < end; e++)
        {
            // The edges of consecutive positions are consecutive, so this also covers the next positions' edges.
            if (e + PrefetchAhead < _edgeTotal)
            {
                PrefetchEdge(_edges[e + PrefetchAhead], _far[e + PrefetchAhead]);
            }

            edges.Add(new TraversedEdge(EdgeObject(_edges[e], position, _far[e]), _revisit[e]));
        }
    }

    private void AddNode(TNode node, int depth, long seq)
    {
        int at = NodeCount;
        if (at == _nodes.Length)
        {
            // Not zeroed: a position's entries are written before they are read.
            _nodes = ArrayGrowth.Ensure(_nodes, at + 1, zeroed: false);
            _depth = ArrayGrowth.Ensure(_depth, at + 1, zeroed: false);
            _seq = ArrayGrowth.Ensure(_seq, at + 1, zeroed: false);
            _edgeStart = ArrayGrowth.Ensure(_edgeStart, at + 1, zeroed: false);
            _edgeCount = ArrayGrowth.Ensure(_edgeCount, at + 1, zeroed: false);
        }

        _nodes[at] = node;
        _depth[at] = depth;
        _seq[at] = seq;
        NodeCount = at + 1;
    }
}
