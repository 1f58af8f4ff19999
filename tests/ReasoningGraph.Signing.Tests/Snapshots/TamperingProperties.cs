using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Signing.Tests.Support;
using F = ReasoningGraph.Snapshots.SnapshotDocumentFields;

namespace ReasoningGraph.Signing.Tests.Snapshots;

/// <summary>
/// Whatever byte of the signed part changes, verification fails with a reason that fits the change; a
/// forger who also recomputes the hashes is caught by the signature; swapped signer ids are named.
/// </summary>
[Properties(MaxTest = 500)]
public sealed class TamperingProperties
{
    private static readonly Ed25519PrivateKey Key = Ed25519PrivateKey.Generate();
    private static readonly Ed25519PrivateKey OtherKey = Ed25519PrivateKey.Generate();
    private static readonly SnapshotVerifier Verifier = new(SampleSnapshots.Registry(("k1", Key), ("k2", OtherKey)));
    private static readonly byte[] Document = SampleSnapshots.SignAsync(Key, "k1", SampleSnapshots.Content("manifest-1")).GetAwaiter().GetResult().Document.ToArray();
    private static readonly int[] SignedPositions = SignedBytePositions(Document);

    [Fact]
    public void Fixture_SignedPartCoversTheSignedMembersOnly()
    {
        Assert.True(Verifier.Verify(Document).IsVerified);
        string signedText = Encoding.UTF8.GetString([.. SignedPositions.Select(i => Document[i])]);
        Assert.Contains("\"payload\":{", signedText, StringComparison.Ordinal);
        Assert.Contains("\"manifest_signature_id\":\"manifest-1\"", signedText, StringComparison.Ordinal);
        Assert.DoesNotContain("signer_kid", signedText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"hash\"", signedText, StringComparison.Ordinal);
    }

    [Property]
    public bool AnyChangedByteOfTheSignedPart_FailsAsMalformedOrHashMismatch(int index, byte value)
    {
        byte[] tampered = Tamper(index, value);

        var result = Verifier.Verify(tampered);

        return !result.IsVerified && result.Failure is SnapshotVerificationFailure.MalformedDocument or SnapshotVerificationFailure.HashMismatch
            && (result.Failure == SnapshotVerificationFailure.MalformedDocument || result.Field == F.CanonicalHash);
    }

    [Property]
    public bool AnyChangedByteOfTheSignedPart_WithRecomputedHashes_FailsTheSignature(int index, byte value)
    {
        byte[] tampered = Tamper(index, value);
        byte[]? rehashed = Rehash(tampered);
        if (rehashed is null)
        {
            // The change broke the JSON itself: it must be reported as malformed.
            return Verifier.Verify(tampered).Failure == SnapshotVerificationFailure.MalformedDocument;
        }

        var result = Verifier.Verify(rehashed);
        return result.Failure is SnapshotVerificationFailure.BadSignature or SnapshotVerificationFailure.MalformedDocument;
    }

    [Property]
    public bool AnyChangedBitOfTheSignature_IsABadSignature(int index, byte mask)
    {
        mask = mask == 0 ? (byte)1 : mask;
        var root = JsonNode.Parse(Document)!.AsObject();
        byte[] signature = Convert.FromBase64String((string)root[F.Signature]!);
        signature[Math.Abs(index % signature.Length)] ^= mask;
        root[F.Signature] = Convert.ToBase64String(signature);

        var result = Verifier.Verify(Encoding.UTF8.GetBytes(root.ToJsonString()));

        return result.Failure == SnapshotVerificationFailure.BadSignature && result.Field == F.Signature;
    }

    [Property]
    public bool SwappedSignerId_IsUnknownOrBad(string? signerId)
    {
        if (string.IsNullOrEmpty(signerId) || signerId == "k1")
        {
            return true;
        }

        var result = Verifier.Verify(DocumentEdit.Apply(Document, d => d[F.SignerKid] = signerId));

        return signerId == "k2"
            ? result.Failure == SnapshotVerificationFailure.BadSignature
            : result.Failure == SnapshotVerificationFailure.UnknownSigner && result.SignerId == signerId;
    }

    [Property(MaxTest = 1000)]
    public bool ArbitraryBytes_AreMalformedNeverAnException(byte[] bytes) =>
        Verifier.Verify(bytes).Failure == SnapshotVerificationFailure.MalformedDocument;

    private static byte[] Tamper(int index, byte value)
    {
        byte[] tampered = (byte[])Document.Clone();
        int position = SignedPositions[Math.Abs(index % SignedPositions.Length)];
        tampered[position] = value == tampered[position] ? (byte)(value ^ 0x01) : value;
        return tampered;
    }

    /// <summary>The document with both hash members recomputed from its (possibly forged) signed members, or null when it is not JSON.</summary>
    private static byte[]? Rehash(byte[] document)
    {
        try
        {
            var root = JsonNode.Parse(document, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })!.AsObject();
            var signed = new JsonObject(F.SignedMembers.Where(root.ContainsKey).Select(name => KeyValuePair.Create(name, root[name]?.DeepClone())));
            byte[] digest = SHA256.HashData(CanonicalJson.Canonicalize(signed.ToJsonString()));
            root[F.Hash] = Convert.ToHexStringLower(digest);
            root[F.CanonicalHash] = Convert.ToBase64String(digest);
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or CanonicalizationException)
        {
            // Not JSON (or not canonicalizable): nothing to re-hash.
            return null;
        }
    }

    /// <summary>Byte offsets of every top-level signed member (name and value) in a compact document.</summary>
    private static int[] SignedBytePositions(byte[] document)
    {
        var positions = new List<int>();
        var reader = new Utf8JsonReader(document);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int start = (int)reader.TokenStartIndex;
            bool signed = F.SignedMembers.Contains(reader.GetString());
            reader.Read();
            reader.Skip();
            int end = (int)reader.BytesConsumed;
            if (signed)
            {
                positions.AddRange(Enumerable.Range(start, end - start));
            }
        }

        return [.. positions];
    }
}
