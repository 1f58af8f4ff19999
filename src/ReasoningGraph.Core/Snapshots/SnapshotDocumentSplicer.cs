using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Adds the proof members to a signed object. In canonical (sorted) order the document is
/// <c>created_at, hash, id, [manifest_signature_id], payload, reasoning_graph_version, root_ids, signature,
/// signer_kid, snapshot_bytes_canonical_hash</c>: <c>hash</c> goes right after <c>created_at</c> and the other three
/// after everything signed. For a signed object known to be canonical the document is therefore assembled by
/// splicing, without canonicalizing megabytes a second time; otherwise the whole document is canonicalized.
/// </summary>
internal static class SnapshotDocumentSplicer
{
    private static ReadOnlySpan<byte> CreatedAtPrefix => "{\"created_at\":\""u8;

    /// <summary>The document by splicing, or null when the signed object does not start with a plain <c>created_at</c> string.</summary>
    public static byte[]? TrySplice(ReadOnlySpan<byte> signed, ReadOnlySpan<byte> digest, string signerId, ReadOnlySpan<byte> signature)
    {
        if (!signed.StartsWith(CreatedAtPrefix))
        {
            return null;
        }

        int close = signed[CreatedAtPrefix.Length..].IndexOfAny((byte)'"', (byte)'\\');
        if (close < 0)
        {
            return null;
        }

        int afterValue = CreatedAtPrefix.Length + close + 1;
        if (signed[afterValue - 1] != (byte)'"' || afterValue >= signed.Length || signed[afterValue] != (byte)',')
        {
            return null;
        }

        byte[] hash = System.Text.Encoding.ASCII.GetBytes($",\"{SnapshotDocumentFields.Hash}\":\"{CanonicalJson.ToHex(digest)}\"");
        byte[] tail = TailMembers(digest, signerId, signature);
        var document = new byte[signed.Length + hash.Length + tail.Length - 1];
        var destination = document.AsSpan();
        signed[..afterValue].CopyTo(destination);
        hash.CopyTo(destination[afterValue..]);
        int position = afterValue + hash.Length;
        signed[afterValue..^1].CopyTo(destination[position..]);
        position += signed.Length - afterValue - 1;
        destination[position++] = (byte)',';
        tail.AsSpan(1).CopyTo(destination[position..]);
        return document;
    }

    /// <summary>The document by canonicalizing the signed members and the proof together.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> signed, ReadOnlySpan<byte> digest, string signerId, ReadOnlySpan<byte> signature)
    {
        byte[] tail = TailMembers(digest, signerId, signature);
        string hash = $"\"{SnapshotDocumentFields.Hash}\":\"{CanonicalJson.ToHex(digest)}\",";
        byte[] spliced = [.. signed[..^1], (byte)',', .. System.Text.Encoding.ASCII.GetBytes(hash), .. tail.AsSpan(1)];
        return CanonicalJson.Canonicalize(spliced);
    }

    /// <summary><c>{"signature","signer_kid","snapshot_bytes_canonical_hash"}</c> in canonical form, braces included.</summary>
    private static byte[] TailMembers(ReadOnlySpan<byte> digest, string signerId, ReadOnlySpan<byte> signature)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(SnapshotDocumentFields.Signature, Convert.ToBase64String(signature));
            json.WriteString(SnapshotDocumentFields.SignerKid, signerId);
            json.WriteString(SnapshotDocumentFields.CanonicalHash, Convert.ToBase64String(digest));
            json.WriteEndObject();
        }

        // The signer id may need the kernel profile's escaping; the canonicalizer writes it, and the three keys sort as listed.
        return CanonicalJson.Canonicalize(buffer.WrittenSpan);
    }
}
