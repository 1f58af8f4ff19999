using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Snapshots;

/// <summary>A signed snapshot document and the values it was built from.</summary>
public sealed class SignedSnapshot
{
    internal SignedSnapshot(byte[] document, byte[] signedBytes, byte[] digest, string signerId, byte[] signature)
    {
        Document = document;
        SignedBytes = signedBytes;
        Digest = digest;
        SignerId = signerId;
        Signature = signature;
    }

    /// <summary>The whole document (signed object and proof), in <c>kernel</c>-profile canonical form: what is stored and served.</summary>
    public ReadOnlyMemory<byte> Document { get; }

    /// <summary>The canonical bytes of the signed object: exactly what was hashed.</summary>
    public ReadOnlyMemory<byte> SignedBytes { get; }

    /// <summary>The SHA-256 of <see cref="SignedBytes"/>: the message that was signed.</summary>
    public ReadOnlyMemory<byte> Digest { get; }

    /// <summary>Lowercase hex of <see cref="Digest"/> (the document's <c>hash</c>).</summary>
    public string Hash => CanonicalJson.ToHex(Digest.Span);

    /// <summary>The id of the signer (the document's <c>signer_kid</c>).</summary>
    public string SignerId { get; }

    /// <summary>The raw signature over <see cref="Digest"/>.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>
    /// The same snapshot with <paramref name="signedNote"/> attached to its document as <c>log_checkpoint</c>
    /// (<see cref="SnapshotDocumentFields.LogCheckpoint"/>), outside the signed bytes: they, the hash and the signature
    /// are unchanged; the document stays canonical.
    /// </summary>
    /// <param name="signedNote">The audit log checkpoint's signed note.</param>
    /// <returns>The snapshot with the member attached (replacing one already there).</returns>
    public SignedSnapshot WithLogCheckpoint(string signedNote)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Document.Length + signedNote.Length + 64);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            using var document = System.Text.Json.JsonDocument.Parse(Document);
            json.WriteStartObject();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name != SnapshotDocumentFields.LogCheckpoint)
                {
                    member.WriteTo(json);
                }
            }

            json.WriteString(SnapshotDocumentFields.LogCheckpoint, signedNote);
            json.WriteEndObject();
        }

        return new SignedSnapshot(CanonicalJson.Canonicalize(buffer.WrittenSpan), SignedBytes.ToArray(), Digest.ToArray(), SignerId, Signature.ToArray());
    }
}
