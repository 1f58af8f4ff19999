namespace ReasoningGraph.Model;

/// <summary>
/// An item's canonical bytes assembled from its already canonical JSON members: the item is canonicalized with empty
/// objects in their place (a few hundred bytes) and the members' bytes are put where the empty objects are. Canonical
/// JSON is compositional (a member's canonical form does not depend on where it sits) and every other member of an
/// item is a string or a number, in which an unescaped <c>"payload":{}</c> cannot occur, so each placeholder is found
/// exactly once.
/// </summary>
internal static class CanonicalItem
{
    private static ReadOnlySpan<byte> EmptyPayload => "\"payload\":{}"u8;

    private static ReadOnlySpan<byte> EmptyMetadata => "\"metadata\":{}"u8;

    private static ReadOnlySpan<byte> EmptyObject => "{}"u8;

    /// <summary>The item's canonical bytes, or null when a member it holds was not given (then canonicalize it whole).</summary>
    public static byte[]? TrySplice(GraphItem item, CanonicalMembers members)
    {
        // Metadata that was absent from the input is the empty object in the item.
        byte[]? metadata = members.Metadata;
        switch (item)
        {
            case ReasoningNode node when members.Payload is { } payload && (metadata is not null || JsonValues.IsEmptyObject(node.Metadata)):
                return Splice(GraphJson.ToCanonicalBytes(node with { Payload = JsonValues.EmptyObject, Metadata = JsonValues.EmptyObject }), metadata, payload);
            case ReasoningEdge edge when metadata is not null || JsonValues.IsEmptyObject(edge.Metadata):
                return Splice(GraphJson.ToCanonicalBytes(edge with { Metadata = JsonValues.EmptyObject }), metadata, null);
            case ReasoningAnnotation annotation when members.Payload is { } payload:
                return Splice(GraphJson.ToCanonicalBytes(annotation with { Payload = JsonValues.EmptyObject }), null, payload);
            default:
                return null;
        }
    }

    /// <summary>The envelope with its empty <c>metadata</c> and <c>payload</c> replaced (a null member stays empty).</summary>
    private static byte[]? Splice(byte[] envelope, byte[]? metadata, byte[]? payload)
    {
        int metadataAt = metadata is null ? -1 : ValueOf(envelope, EmptyMetadata);
        int payloadAt = payload is null ? -1 : ValueOf(envelope, EmptyPayload);
        if ((metadata is not null && metadataAt < 0) || (payload is not null && payloadAt < 0))
        {
            return null;
        }

        // Sorted keys put "metadata" before "payload"; the order is checked rather than assumed.
        var (first, firstAt, second, secondAt) = metadataAt <= payloadAt ? (metadata, metadataAt, payload, payloadAt) : (payload, payloadAt, metadata, metadataAt);
        int length = envelope.Length - (first is null ? 0 : EmptyObject.Length - first.Length) - (second is null ? 0 : EmptyObject.Length - second.Length);
        var bytes = new byte[length];
        var source = envelope.AsSpan();
        var destination = bytes.AsSpan();
        int from = 0;
        foreach (var (member, at) in new[] { (first, firstAt), (second, secondAt) })
        {
            if (member is null)
            {
                continue;
            }

            source[from..at].CopyTo(destination);
            destination = destination[(at - from)..];
            member.CopyTo(destination);
            destination = destination[member.Length..];
            from = at + EmptyObject.Length;
        }

        source[from..].CopyTo(destination);
        return bytes;
    }

    /// <summary>The offset of the <c>{}</c> value of <paramref name="member"/>, or -1.</summary>
    private static int ValueOf(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> member)
    {
        int at = envelope.IndexOf(member);
        return at < 0 ? -1 : at + member.Length - EmptyObject.Length;
    }
}
