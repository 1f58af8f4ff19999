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
}
