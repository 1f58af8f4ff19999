using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Model;

/// <summary>
/// The canonical bytes of an input's JSON members (<c>payload</c>, <c>metadata</c>), made once when the input is
/// validated and reused for its entity hash, so a payload is canonicalized once per write however large it is.
/// A null member has no bytes to reuse: it was absent, or it was checked but not kept (a store that does not hash, or a
/// member too deep to nest: see <see cref="NestedOptions"/>); such an item is canonicalized whole when it is hashed.
/// </summary>
internal readonly record struct CanonicalMembers(byte[]? Payload, byte[]? Metadata)
{
    /// <summary>
    /// An item nests its payload one level down, so a payload at the full depth limit canonicalizes alone but not
    /// inside its item: such a payload is checked with the full limit and kept as null, so a store that hashes it
    /// canonicalizes the whole item and refuses it (INVALID_PAYLOAD) as before; a store that does not hash accepts it.
    /// </summary>
    public static CanonicalJsonOptions NestedOptions { get; } = CanonicalJsonOptions.Kernel with { MaxDepth = CanonicalJsonOptions.DefaultMaxDepth - 1 };
}
