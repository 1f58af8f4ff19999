using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Model;

/// <summary>
/// Content identity for idempotent writes. The content of an item is the canonical (kernel profile) JSON of
/// its fields without the store-assigned <c>createdAt</c> and <c>seq</c>; absent metadata counts as <c>{}</c>.
/// Two writes with the same id are the same write exactly when their content bytes are equal.
/// </summary>
[Experimental("RG0001")]
public static class GraphContent
{
    /// <summary>The canonical content bytes of an input.</summary>
    /// <param name="input">An input whose id has been assigned.</param>
    /// <returns>The canonical bytes.</returns>
    /// <exception cref="CanonicalizationException">The payload or metadata cannot be canonicalized.</exception>
    public static byte[] GetCanonicalBytes(GraphItemInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return GetCanonicalBytes(input.ToItem(0, default));
    }

    /// <summary>The canonical content bytes of a stored item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The canonical bytes.</returns>
    public static byte[] GetCanonicalBytes(GraphItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item switch
        {
            ReasoningNode n => CanonicalJson.SerializeToCanonicalBytes(
                new NodeContent
                {
                    Id = n.Id, Type = n.Type, Author = n.Author, Payload = n.Payload, Metadata = n.Metadata,
                    Version = n.Version, ManifestSignatureId = n.ManifestSignatureId, AuditEventId = n.AuditEventId,
                },
                GraphJsonContext.Default.NodeContent),
            ReasoningEdge e => CanonicalJson.SerializeToCanonicalBytes(
                new EdgeContent
                {
                    Id = e.Id, From = e.From, To = e.To, Type = e.Type, Weight = e.Weight, Metadata = e.Metadata,
                    AuditEventId = e.AuditEventId,
                },
                GraphJsonContext.Default.EdgeContent),
            ReasoningAnnotation a => CanonicalJson.SerializeToCanonicalBytes(
                new AnnotationContent
                {
                    Id = a.Id, TargetId = a.TargetId, TargetType = a.TargetType, AnnotationType = a.AnnotationType,
                    Author = a.Author, Payload = a.Payload,
                },
                GraphJsonContext.Default.AnnotationContent),
            _ => throw new ArgumentException("Unknown item type.", nameof(item)),
        };
    }

    /// <summary>The SHA-256 of the canonical content bytes; stores may keep it to detect conflicting replays cheaply.</summary>
    /// <param name="item">The item.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] ComputeHash(GraphItem item) => SHA256.HashData(GetCanonicalBytes(item));

    /// <summary>Whether an input repeats a stored item exactly (same kind, same content).</summary>
    /// <param name="input">An input whose id has been assigned.</param>
    /// <param name="stored">The item stored under the same id.</param>
    /// <returns>True for an idempotent replay; false for a conflict.</returns>
    public static bool IsSameContent(GraphItemInput input, GraphItem stored)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(stored);
        return input.Kind == stored.Kind && GetCanonicalBytes(input).AsSpan().SequenceEqual(GetCanonicalBytes(stored));
    }
}
