namespace ReasoningGraph.Canonicalization;

/// <summary>Settings of one canonicalization. Instances are immutable and safe to share.</summary>
public sealed record CanonicalJsonOptions
{
    /// <summary>The default nesting limit: 256 levels.</summary>
    public const int DefaultMaxDepth = 256;

    /// <summary>The Kernel profile with the default depth limit.</summary>
    public static CanonicalJsonOptions Kernel { get; } = new();

    /// <summary>The RFC 8785 profile with the default depth limit.</summary>
    public static CanonicalJsonOptions Rfc8785 { get; } = new() { Profile = CanonicalProfile.Rfc8785 };

    /// <summary>The dialect. Default: <see cref="CanonicalProfile.Kernel"/>.</summary>
    public CanonicalProfile Profile { get; init; } = CanonicalProfile.Kernel;

    /// <summary>
    /// The deepest nesting of arrays and objects accepted. A top-level scalar is depth 0 and
    /// <c>[]</c> is depth 1. Default: 256.
    /// </summary>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxDepth = value;
        }
    }

    private readonly int _maxDepth = DefaultMaxDepth;
}
