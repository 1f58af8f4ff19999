using System.Security.Cryptography;

namespace ReasoningGraph.Model;

/// <summary>
/// An item's canonical bytes assembled from its already canonical JSON members: the item is canonicalized with empty
/// objects in their place (a few hundred bytes) and the members' bytes go where the empty objects are. Canonical JSON
/// is compositional (a member's canonical form does not depend on where it sits) and every other member of an item is
/// a string or a number, in which an unescaped <c>"payload":{}</c> cannot occur, so each placeholder is found once.
/// </summary>
internal static class CanonicalItem
{
    private static ReadOnlySpan<byte> EmptyPayload => "\"payload\":{}"u8;

    private static ReadOnlySpan<byte> EmptyMetadata => "\"metadata\":{}"u8;

    private const int EmptyObjectLength = 2;

    /// <summary>
    /// SHA-256 of the item's canonical bytes, fed in pieces (envelope, member, envelope…) so no payload-sized copy is
    /// made; null when a member the item holds was not given (then it is canonicalized whole).
    /// </summary>
    public static byte[]? TryHash(GraphItem item, CanonicalMembers members)
    {
        // Metadata that was absent from the input is the empty object in the item.
        byte[]? metadata = members.Metadata;
        return item switch
        {
            ReasoningNode node when members.Payload is { } payload && (metadata is not null || JsonValues.IsEmptyObject(node.Metadata)) =>
                Hash(GraphJson.ToCanonicalBytes(node with { Payload = JsonValues.EmptyObject, Metadata = JsonValues.EmptyObject }), metadata, payload),
            ReasoningEdge edge when metadata is not null =>
                Hash(GraphJson.ToCanonicalBytes(edge with { Metadata = JsonValues.EmptyObject }), metadata, null),
            ReasoningAnnotation annotation when members.Payload is { } payload =>
                Hash(GraphJson.ToCanonicalBytes(annotation with { Payload = JsonValues.EmptyObject }), null, payload),
            _ => null,
        };
    }

    /// <summary>The hash of the envelope with its empty <c>metadata</c> and <c>payload</c> replaced (a null member stays empty).</summary>
    private static byte[]? Hash(ReadOnlySpan<byte> envelope, byte[]? metadata, byte[]? payload)
    {
        int metadataAt = metadata is null ? -1 : ValueOf(envelope, EmptyMetadata);
        int payloadAt = payload is null ? -1 : ValueOf(envelope, EmptyPayload);
        if ((metadata is not null && metadataAt < 0) || (payload is not null && payloadAt < 0))
        {
            return null;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int from = 0;

        // Sorted keys put "metadata" before "payload"; the order is checked rather than assumed.
        bool metadataFirst = metadataAt <= payloadAt;
        from = Replace(sha, envelope, from, metadataFirst ? metadata : payload, metadataFirst ? metadataAt : payloadAt);
        from = Replace(sha, envelope, from, metadataFirst ? payload : metadata, metadataFirst ? payloadAt : metadataAt);
        sha.AppendData(envelope[from..]);
        return sha.GetHashAndReset();
    }

    /// <summary>Feeds the envelope up to <paramref name="at"/>, then <paramref name="member"/>; returns where the envelope resumes.</summary>
    private static int Replace(IncrementalHash sha, ReadOnlySpan<byte> envelope, int from, byte[]? member, int at)
    {
        if (member is null)
        {
            return from;
        }

        sha.AppendData(envelope[from..at]);
        sha.AppendData(member);
        return at + EmptyObjectLength;
    }

    /// <summary>The offset of the <c>{}</c> value of <paramref name="member"/>, or -1.</summary>
    private static int ValueOf(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> member)
    {
        int at = envelope.IndexOf(member);
        return at < 0 ? -1 : at + member.Length - EmptyObjectLength;
    }
}
