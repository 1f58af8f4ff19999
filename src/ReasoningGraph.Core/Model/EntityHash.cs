using System.Security.Cryptography;

namespace ReasoningGraph.Model;

/// <summary>
/// The entity hash an audit event names (INTEROP §4): lowercase hex SHA-256 of the stored item's canonical bytes.
/// Here, below the audit chain, so a store can hash while it plans a write; <c>AuditChain.EntityHash</c> forwards to it.
/// </summary>
internal static class EntityHash
{
    /// <summary>Lowercase hex SHA-256 of <see cref="GraphJson.ToCanonicalBytes"/> of <paramref name="item"/>.</summary>
    /// <exception cref="Canonicalization.CanonicalizationException">The item's JSON cannot be canonicalized.</exception>
    public static string Of(GraphItem item) => Convert.ToHexStringLower(SHA256.HashData(GraphJson.ToCanonicalBytes(item)));

    /// <summary>
    /// The same hash, reusing the canonical members its input was validated with (<see cref="CanonicalMembers"/>) so
    /// the payload is not canonicalized a second time; without them, as <see cref="Of(GraphItem)"/>.
    /// </summary>
    /// <exception cref="Canonicalization.CanonicalizationException">The item's JSON cannot be canonicalized.</exception>
    public static string Of(GraphItem item, CanonicalMembers members) =>
        CanonicalItem.TryHash(item, members) is { } hash ? Convert.ToHexStringLower(hash) : Of(item);
}
