using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Signing;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Turns the signed part of a snapshot into the full document of INTEROP.md §3: canonicalizes the signed
/// object (<c>kernel</c> profile), hashes it, has it signed and adds the proof members. Fails closed: when no
/// valid signature is obtained it throws and produces nothing.
/// </summary>
[Experimental("RG0001")]
public sealed class SnapshotDocumentSigner
{
    private const int Ed25519SignatureLength = 64;

    private readonly IDigestSigner _signer;
    private readonly IDigestVerifier? _verifier;

    /// <summary>Creates a document signer.</summary>
    /// <param name="signer">Signs the digests.</param>
    /// <param name="verifier">
    /// When given, every signature is checked with it before the document is produced, so a signer whose key
    /// auditors do not know (or a remote signer answering with a wrong signature) fails the operation.
    /// </param>
    public SnapshotDocumentSigner(IDigestSigner signer, IDigestVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = signer;
        _verifier = verifier;
    }

    /// <summary>The canonical bytes of the signed object of <paramref name="content"/>: exactly what is hashed.</summary>
    /// <param name="content">The signed part of the snapshot.</param>
    /// <returns>The <c>kernel</c>-profile canonical bytes.</returns>
    /// <exception cref="ArgumentException">A required member is empty or the payload is not a JSON object.</exception>
    /// <exception cref="CanonicalizationException">The payload cannot be canonicalized.</exception>
    public static byte[] ComputeSignedBytes(SnapshotContent content) => ComputeSignedBytes(content, payloadWrittenHere: false);

    /// <summary>
    /// <see cref="ComputeSignedBytes(SnapshotContent)"/>; with <paramref name="payloadWrittenHere"/> the payload comes
    /// from this library's own writer (one JSON object by construction), so the full shape check is skipped.
    /// </summary>
    internal static byte[] ComputeSignedBytes(SnapshotContent content, bool payloadWrittenHere)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new ArrayBufferWriter<byte>(256 + content.Payload.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteSignedMembers(json, content, payloadWrittenHere);
            json.WriteEndObject();
        }

        return CanonicalJson.Canonicalize(buffer.WrittenSpan);
    }

    /// <summary>Builds and signs the snapshot document.</summary>
    /// <param name="content">The signed part of the snapshot.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The document and the values it holds.</returns>
    /// <exception cref="SigningException">No valid signature was obtained (<see cref="ErrorCodes.SigningFailure"/>).</exception>
    /// <exception cref="ArgumentException">A required member is empty or the payload is not a JSON object.</exception>
    /// <exception cref="CanonicalizationException">The payload cannot be canonicalized.</exception>
    public Task<SignedSnapshot> SignAsync(SnapshotContent content, CancellationToken cancellationToken = default) =>
        SignCoreAsync(ComputeSignedBytes(content), knownCanonical: true, cancellationToken);

    /// <summary>
    /// Signs a signed object already in canonical form (what <see cref="ComputeSignedBytes(SnapshotContent)"/> returned, for example
    /// for a snapshot stored pending) and builds the document around it.
    /// </summary>
    /// <param name="signedBytes">The canonical bytes of the signed object.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The document and the values it holds.</returns>
    /// <exception cref="SigningException">No valid signature was obtained (<see cref="ErrorCodes.SigningFailure"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="signedBytes"/> is not a non-empty JSON object.</exception>
    /// <exception cref="CanonicalizationException">The bytes cannot be canonicalized.</exception>
    public Task<SignedSnapshot> SignAsync(ReadOnlyMemory<byte> signedBytes, CancellationToken cancellationToken = default) =>
        SignCoreAsync(signedBytes.ToArray(), knownCanonical: false, cancellationToken);

    /// <summary>Like <see cref="SignAsync(ReadOnlyMemory{byte}, CancellationToken)"/> for bytes this library canonicalized (and stored).</summary>
    internal Task<SignedSnapshot> SignCanonicalAsync(ReadOnlyMemory<byte> signedBytes, CancellationToken cancellationToken) =>
        SignCoreAsync(signedBytes.ToArray(), knownCanonical: true, cancellationToken);

    /// <summary>
    /// The document of a snapshot rebuilt from its canonical signed bytes and its proof: byte for byte the
    /// <see cref="SignedSnapshot.Document"/> that signing those bytes produced. Lets a store keep the signed bytes and
    /// the proof instead of the megabytes twice.
    /// </summary>
    /// <param name="signedBytes">The canonical bytes of the signed object.</param>
    /// <param name="digest">Their SHA-256 (the document's <c>hash</c>, as bytes).</param>
    /// <param name="signerId">The signer id (<c>signer_kid</c>).</param>
    /// <param name="signature">The raw signature.</param>
    /// <returns>The whole document in <c>kernel</c>-profile canonical form.</returns>
    /// <exception cref="ArgumentException"><paramref name="signedBytes"/> is not a non-empty JSON object.</exception>
    /// <exception cref="CanonicalizationException">The signed bytes cannot be canonicalized.</exception>
    public static byte[] AssembleDocument(ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> digest, string signerId, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signerId);
        if (signedBytes.Length < 3 || signedBytes[0] != (byte)'{' || signedBytes[^1] != (byte)'}')
        {
            throw new ArgumentException("The signed object must be a non-empty JSON object in canonical form.", nameof(signedBytes));
        }

        return SnapshotDocumentSplicer.TrySplice(signedBytes, digest, signerId, signature)
            ?? SnapshotDocumentSplicer.Canonicalize(signedBytes, digest, signerId, signature);
    }

    private async Task<SignedSnapshot> SignCoreAsync(byte[] signed, bool knownCanonical, CancellationToken cancellationToken)
    {
        if (signed.Length < 3 || signed[0] != (byte)'{' || signed[^1] != (byte)'}')
        {
            throw new ArgumentException("The signed object must be a non-empty JSON object in canonical form.", nameof(signed));
        }

        byte[] digest = SHA256.HashData(signed);
        string signerId = _signer.SignerId;
        byte[] signature = await SignDigestAsync(digest, signerId, cancellationToken).ConfigureAwait(false);
        if (_verifier is not null && !_verifier.Verify(signerId, digest, signature))
        {
            throw new SigningException($"The signature of signer '{signerId}' does not verify with the configured signer registry; nothing was published.", transient: false);
        }

        byte[] document = knownCanonical
            ? AssembleDocument(signed, digest, signerId, signature)
            : SnapshotDocumentSplicer.Canonicalize(signed, digest, signerId, signature);
        return new SignedSnapshot(document, signed, digest, signerId, signature);
    }

    private async Task<byte[]> SignDigestAsync(byte[] digest, string signerId, CancellationToken cancellationToken)
    {
        byte[] signature;
        try
        {
            signature = await SigningMetrics.SignAsync("snapshot", () => _signer.SignAsync(digest, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ReasoningGraphException and not OperationCanceledException)
        {
            throw new SigningException($"Signer '{signerId}' failed: {e.Message}", transient: false, e);
        }

        if (signature is not { Length: Ed25519SignatureLength })
        {
            throw new SigningException(
                $"Signer '{signerId}' returned a {signature?.Length ?? 0}-byte signature; an Ed25519 signature has 64 bytes.", transient: false);
        }

        return signature;
    }

    private static void WriteSignedMembers(Utf8JsonWriter json, SnapshotContent content, bool payloadWrittenHere)
    {
        ArgumentException.ThrowIfNullOrEmpty(content.Id, nameof(content) + "." + nameof(content.Id));
        ArgumentNullException.ThrowIfNull(content.RootIds, nameof(content) + "." + nameof(content.RootIds));
        ArgumentException.ThrowIfNullOrEmpty(content.CreatedAt, nameof(content) + "." + nameof(content.CreatedAt));
        ArgumentException.ThrowIfNullOrEmpty(content.ReasoningGraphVersion, nameof(content) + "." + nameof(content.ReasoningGraphVersion));
        // A caller's payload is spliced in raw, so it must be exactly one object: `{},"x":1` would add a member.
        if (!payloadWrittenHere && !IsJsonObject(content.Payload.Span))
        {
            throw new ArgumentException("The payload must be a JSON object.", nameof(content));
        }

        json.WriteString(SnapshotDocumentFields.Id, content.Id);
        json.WriteStartArray(SnapshotDocumentFields.RootIds);
        foreach (string rootId in content.RootIds)
        {
            ArgumentException.ThrowIfNullOrEmpty(rootId, nameof(content) + "." + nameof(content.RootIds));
            json.WriteStringValue(rootId);
        }

        json.WriteEndArray();
        json.WriteString(SnapshotDocumentFields.CreatedAt, content.CreatedAt);
        json.WriteString(SnapshotDocumentFields.ReasoningGraphVersion, content.ReasoningGraphVersion);
        if (content.ManifestSignatureId is not null)
        {
            json.WriteString(SnapshotDocumentFields.ManifestSignatureId, content.ManifestSignatureId);
        }

        json.WritePropertyName(SnapshotDocumentFields.Payload);
        json.WriteRawValue(content.Payload.Span, skipInputValidation: true);
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> utf8Json)
    {
        // Only the shape is checked here; the canonicalizer validates the whole document (and rejects what
        // System.Text.Json would accept but a signature must not, such as duplicate keys).
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
