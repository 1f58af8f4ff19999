namespace ReasoningGraph.Model;

/// <summary>The well-known edge types, accepted by default.</summary>
public static class WellKnownEdgeTypes
{
    /// <summary><c>causal</c>: the source caused the target.</summary>
    public const string Causal = "causal";

    /// <summary><c>supports</c>: the source supports the target.</summary>
    public const string Supports = "supports";

    /// <summary><c>contradicts</c>: the source contradicts the target.</summary>
    public const string Contradicts = "contradicts";

    /// <summary><c>derivedFrom</c>: the target was derived from the source.</summary>
    public const string DerivedFrom = "derivedFrom";

    /// <summary><c>influencedBy</c>: the target was influenced by the source.</summary>
    public const string InfluencedBy = "influencedBy";

    /// <summary>All of the above.</summary>
    public static IReadOnlyList<string> All { get; } = [Causal, Supports, Contradicts, DerivedFrom, InfluencedBy];
}
