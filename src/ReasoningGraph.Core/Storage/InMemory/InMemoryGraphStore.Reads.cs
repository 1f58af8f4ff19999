using System.Runtime.CompilerServices;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Indexed;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Storage.InMemory;

public sealed partial class InMemoryGraphStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<GraphItem>> GetItemsAsync(IReadOnlyCollection<Guid> ids, long asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var state = State;
        int limit = state.ClampAsOf(asOf);
        var found = new List<GraphItem>(ids.Count);
        var seen = new HashSet<int>();
        foreach (var id in ids)
        {
            int seq = state.Ids.Get(id, limit, new ItemIdResolver(state));
            if (seq != 0 && seen.Add(seq))
            {
                found.Add(Materialize(state, seq));
            }
        }

        return Task.FromResult<IReadOnlyList<GraphItem>>(found);
    }

    /// <inheritdoc/>
    public Task<FrontierResult> GetFrontierAsync(FrontierRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = State;
        var filter = new EdgeFollowFilter(state, request.AsOf, request.Direction == TraversalDirection.Descendants, request.EdgeTypes, request.MinWeight, request.MinFarNodeConfidence);
        if (filter.MatchesNothing)
        {
            return Task.FromResult(FrontierResult.Empty);
        }

        // Resolve the frontier first so the result lists can be sized once (adjacency capacity bounds the edges).
        var near = new List<int>(request.NodeIds.Count);
        var seenFrontier = new HashSet<int>();
        int capacity = 0;
        foreach (var id in request.NodeIds)
        {
            int node = NodeIndex(state, id, filter.AsOf);
            if (node >= 0 && seenFrontier.Add(node))
            {
                near.Add(node);
                capacity += filter.Visible(state, node).Length;
            }
        }

        var edges = new List<ReasoningEdge>(capacity);
        var farNodes = new List<ReasoningNode>(capacity);
        var seenNodes = new HashSet<int>(capacity);
        foreach (int node in near)
        {
            foreach (int entry in filter.Visible(state, node))
            {
                ref readonly var record = ref state.Edges[entry - 1];
                if (!filter.Follows(state, in record))
                {
                    continue;
                }

                edges.Add(ToEdge(state, in record));
                int far = filter.Far(in record);
                if (seenNodes.Add(far))
                {
                    farNodes.Add(state.Nodes[far].Node);
                }
            }
        }

        return Task.FromResult(new FrontierResult(edges, farNodes));
    }

    /// <inheritdoc/>
    IIndexedGraphView IIndexedGraphStore.OpenView(long asOf, TraversalDirection direction, IReadOnlyCollection<string>? edgeTypes, double? minWeight, double? minFarNodeConfidence)
    {
        var state = State;
        return new InMemoryIndexedView(state, new EdgeFollowFilter(state, asOf, direction == TraversalDirection.Descendants, edgeTypes, minWeight, minFarNodeConfidence));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(IReadOnlyCollection<Guid> targetIds, long asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var state = State;
        int limit = state.ClampAsOf(asOf);
        var found = new List<ReasoningAnnotation>();

        // Duplicate ids are skipped only among targets that have annotations: most targets (a whole trace's items)
        // have none, and a set of every id would cost more than the look-ups.
        HashSet<Guid>? annotated = null;
        foreach (var target in targetIds)
        {
            int next = state.AnnotationHeads.Get(target, int.MaxValue, new LatestAnnotationTargetResolver(this));
            if (next == 0 || !(annotated ??= []).Add(target))
            {
                continue;
            }

            // The head may be newer than this snapshot; the latest array always holds every linked slot.
            var slots = LatestAnnotations;
            while (next != 0)
            {
                var slot = slots[next - 1];
                if (slot.Annotation.Seq <= limit)
                {
                    found.Add(slot.Annotation);
                }

                next = slot.Previous;
            }
        }

        found.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
        return Task.FromResult<IReadOnlyList<ReasoningAnnotation>>(found);
    }
}
