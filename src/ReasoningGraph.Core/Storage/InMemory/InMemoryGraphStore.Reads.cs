using System.Runtime.CompilerServices;
using ReasoningGraph.Model;
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
        int asOf = state.ClampAsOf(request.AsOf);
        var typeFilter = EdgeTypeFilter(state, request.EdgeTypes);
        if (typeFilter is { Length: 0 })
        {
            return Task.FromResult(FrontierResult.Empty);
        }

        bool descendants = request.Direction == TraversalDirection.Descendants;
        double minWeight = request.MinWeight ?? double.NegativeInfinity;
        double minConfidence = request.MinFarNodeConfidence ?? double.NegativeInfinity;
        // Resolve the frontier first so the result lists can be sized once (adjacency capacity bounds the edges).
        var near = new List<int>(request.NodeIds.Count);
        var seenFrontier = new HashSet<int>();
        int capacity = 0;
        foreach (var id in request.NodeIds)
        {
            int node = NodeIndex(state, id, asOf);
            if (node >= 0 && seenFrontier.Add(node))
            {
                near.Add(node);
                capacity += (descendants ? Volatile.Read(ref state.Nodes[node].Out) : Volatile.Read(ref state.Nodes[node].In))?.Length ?? 0;
            }
        }

        var edges = new List<ReasoningEdge>(capacity);
        var farNodes = new List<ReasoningNode>(capacity);
        var seenNodes = new HashSet<int>(capacity);
        foreach (int node in near)
        {
            var adjacency = descendants ? Volatile.Read(ref state.Nodes[node].Out) : Volatile.Read(ref state.Nodes[node].In);
            foreach (int entry in adjacency ?? [])
            {
                int e = entry - 1;
                if (e < 0 || e >= state.EdgeCount || state.Edges[e].Seq > asOf)
                {
                    break;
                }

                ref readonly var record = ref state.Edges[e];
                int far = descendants ? record.To : record.From;
                if ((typeFilter is not null && Array.IndexOf(typeFilter, record.TypeId) < 0)
                    || (request.MinWeight is not null && !(record.Weight >= minWeight))
                    || (request.MinFarNodeConfidence is not null && !(state.Nodes[far].Confidence >= minConfidence)))
                {
                    continue;
                }

                edges.Add(ToEdge(state, in record));
                if (seenNodes.Add(far))
                {
                    farNodes.Add(state.Nodes[far].Node);
                }
            }
        }

        return Task.FromResult(new FrontierResult(edges, farNodes));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(IReadOnlyCollection<Guid> targetIds, long asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var state = State;
        int limit = state.ClampAsOf(asOf);
        var found = new List<ReasoningAnnotation>();
        foreach (var target in new HashSet<Guid>(targetIds))
        {
            int next = state.AnnotationHeads.Get(target, int.MaxValue, new LatestAnnotationTargetResolver(this));
            if (next == 0)
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

    /// <summary>The type ids a filter allows (empty: none exist), or null for no filter.</summary>
    private static int[]? EdgeTypeFilter(StoreState state, IReadOnlyCollection<string>? types)
    {
        if (types is null)
        {
            return null;
        }

        var ids = new List<int>(types.Count);
        foreach (var type in types)
        {
            int id = Array.IndexOf(state.EdgeTypes, type);
            if (id >= 0)
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
