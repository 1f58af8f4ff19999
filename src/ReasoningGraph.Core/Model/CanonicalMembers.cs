using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Model;

/// <summary>
/// The canonical bytes of an input's JSON members (<c>payload</c>, <c>metadata</c>), made once when the input is
/// validated and reused for its entity hash, so a payload is canonicalized once per write however large it is.
/// Null members were not checked (absent metadata, or a payload that could only be hashed inside its item by
/// canonicalizing the item whole: see <see cref="NestedOptions"/>).
/// </summary>
internal readonly record struct CanonicalMembers(byte[]? Payload, byte[]? Metadata)
{
    /// <summary>
    /// An item nests its payload one level down, so a payload at the full depth limit canonicalizes alone but not
    /// inside its item: such a payload is checked with the full limit and hashed the slow way, which refuses it as today.
    /// </summary>
    public static CanonicalJsonOptions NestedOptions { get; } = CanonicalJsonOptions.Kernel with { MaxDepth = CanonicalJsonOptions.DefaultMaxDepth - 1 };
}
