using System.Security.Cryptography;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Signing;
using F = ReasoningGraph.Snapshots.SnapshotDocumentFields;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Verifies snapshot documents offline, as INTEROP.md §3 prescribes: rebuilds the signed object from the
/// document, canonicalizes it (<c>kernel</c> profile), hashes it, compares the digest with both
/// <c>snapshot_bytes_canonical_hash</c> and <c>hash</c>, looks <c>signer_kid</c> up and verifies the
/// signature. Thread-safe.
/// </summary>
/// <remarks>
/// The trusted keys come from an <see cref="IDigestVerifier"/>, usually the signer registry of
/// <c>ReasoningGraph.Signing</c>; the document rules live here, beside <see cref="SnapshotDocumentSigner"/>, so that
/// signing and verification cannot drift apart.
/// </remarks>
public sealed partial class SnapshotVerifier
{
    private readonly IDigestVerifier _signers;
    private readonly bool _allowUnsignedMembers;

    /// <summary>Creates a verifier.</summary>
    /// <param name="signers">The trusted signers.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public SnapshotVerifier(IDigestVerifier signers, SnapshotVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signers);
        _signers = signers;
        _allowUnsignedMembers = options?.AllowUnsignedMembers ?? false;
    }

    /// <summary>Verifies a snapshot document.</summary>
    /// <param name="document">The document's exact bytes (UTF-8 JSON).</param>
    /// <returns>The verdict; never throws for a bad document.</returns>
    public SnapshotVerificationResult Verify(ReadOnlySpan<byte> document)
    {
        byte[] canonical;
        try
        {
            canonical = CanonicalJson.Canonicalize(document);
        }
        catch (CanonicalizationException e)
        {
            return Malformed(null, $"the document is not valid canonicalizable JSON: {e.Reason} at byte {e.Position}");
        }

        using var parsed = JsonDocument.Parse(canonical, new JsonDocumentOptions { MaxDepth = CanonicalJsonOptions.DefaultMaxDepth + 1 });
        var root = parsed.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Malformed(null, $"the document must be a JSON object, not {root.ValueKind}");
        }

        var members = ReadMembers(root, _allowUnsignedMembers);
        return members.Problem ?? Check(members);
    }

    private SnapshotVerificationResult Check(DocumentMembers members)
    {
        string id = members.Id!;
        string signerId = members.SignerId!;
        byte[] digest = SHA256.HashData(members.SignedObject!);
        string computed = CanonicalJson.ToHex(digest);

        bool base64Matches = digest.AsSpan().SequenceEqual(members.CanonicalHash);
        bool hexMatches = digest.AsSpan().SequenceEqual(members.Hash);
        if (!base64Matches || !hexMatches)
        {
            string field = base64Matches ? F.Hash : F.CanonicalHash;
            string which = (base64Matches, hexMatches) switch
            {
                (false, false) => $"{F.CanonicalHash} and {F.Hash}",
                (false, true) => F.CanonicalHash,
                _ => F.Hash,
            };
            return new(SnapshotVerificationFailure.HashMismatch, field,
                $"the signed content hashes to {computed}, which does not match {which} ({CanonicalJson.ToHex(base64Matches ? members.Hash : members.CanonicalHash)}): the document was changed after it was hashed")
            {
                SnapshotId = id, SignerId = signerId, ComputedHash = computed, UnsignedMembers = members.Unsigned,
            };
        }

        if (!_signers.IsKnownSigner(signerId))
        {
            return new(SnapshotVerificationFailure.UnknownSigner, F.SignerKid, $"signer '{signerId}' is not in the signer registry")
            {
                SnapshotId = id, SignerId = signerId, ComputedHash = computed, UnsignedMembers = members.Unsigned,
            };
        }

        if (!_signers.Verify(signerId, digest, members.Signature))
        {
            return new(SnapshotVerificationFailure.BadSignature, F.Signature,
                $"the signature does not verify with the key registered for signer '{signerId}'")
            {
                SnapshotId = id, SignerId = signerId, ComputedHash = computed, UnsignedMembers = members.Unsigned,
            };
        }

        return new(SnapshotVerificationFailure.None, null, $"snapshot {id} is signed by '{signerId}' and unchanged (hash {computed})")
        {
            SnapshotId = id, SignerId = signerId, ComputedHash = computed, UnsignedMembers = members.Unsigned,
        };
    }

    private static SnapshotVerificationResult Malformed(string? field, string message) =>
        new(SnapshotVerificationFailure.MalformedDocument, field, message);
}
