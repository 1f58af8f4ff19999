namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// Which edges of a frontier a walk follows (<see cref="FrontierRequest"/>'s snapshot, direction and filters),
/// resolved once against a state: edge types as interned ids, absent bounds as no check.
/// </summary>
internal readonly struct EdgeFollowFilter
{
    private readonly int[]? _types;
    private readonly double _minWeight;
    private readonly double _minConfidence;
    private readonly bool _weighted;
    private readonly bool _confident;

    public EdgeFollowFilter(StoreState state, long asOf, bool descendants, IReadOnlyCollection<string>? edgeTypes, double? minWeight, double? minFarNodeConfidence)
    {
        AsOf = state.ClampAsOf(asOf);
        Descendants = descendants;
        _types = TypeIds(state, edgeTypes);
        _weighted = minWeight is not null;
        _minWeight = minWeight ?? double.NegativeInfinity;
        _confident = minFarNodeConfidence is not null;
        _minConfidence = minFarNodeConfidence ?? double.NegativeInfinity;
    }

    public int AsOf { get; }

    public bool Descendants { get; }

    /// <summary>True when no edge can pass (a type filter naming no stored type).</summary>
    public bool MatchesNothing => _types is { Length: 0 };

    /// <summary>The node's whole adjacency array in the walk's direction (see <see cref="NodeSlot"/>).</summary>
    public int[]? Adjacency(StoreState state, int node) =>
        Descendants ? Volatile.Read(ref state.Nodes[node].Out) : Volatile.Read(ref state.Nodes[node].In);

    /// <summary>The node's adjacency in the walk's direction, cut to the edges visible as of <see cref="AsOf"/>.</summary>
    public ReadOnlySpan<int> Visible(StoreState state, int node)
    {
        var adjacency = Adjacency(state, node);
        if (adjacency is null)
        {
            return default;
        }

        // Entries are edge index + 1 ascending (so ascending seq), 0 marking the unused tail.
        int count = 0;
        while (count < adjacency.Length)
        {
            int e = adjacency[count] - 1;
            if (e < 0 || e >= state.EdgeCount || state.Edges[e].Seq > AsOf)
            {
                break;
            }

            count++;
        }

        return adjacency.AsSpan(0, count);
    }

    /// <summary>The far end of a visible edge.</summary>
    public int Far(in EdgeRecord record) => Descendants ? record.To : record.From;

    /// <summary>Whether a visible edge passes the type, weight and far-node confidence filters.</summary>
    public bool Follows(StoreState state, in EdgeRecord record) =>
        (_types is null || Array.IndexOf(_types, record.TypeId) >= 0)
        && (!_weighted || record.Weight >= _minWeight)
        && (!_confident || state.Nodes[Far(in record)].Confidence >= _minConfidence);

    /// <summary>The type ids a filter allows (empty: none exist), or null for no filter.</summary>
    private static int[]? TypeIds(StoreState state, IReadOnlyCollection<string>? types)
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
