using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Signing.Tests.Support;
using F = ReasoningGraph.Snapshots.SnapshotDocumentFields;

namespace ReasoningGraph.Signing.Tests.Snapshots;

/// <summary>Each check of INTEROP.md §3 verification, and the precise reason when one fails.</summary>
public sealed class SnapshotVerifierTests : IDisposable
{
    private readonly Ed25519PrivateKey _k1 = Ed25519PrivateKey.Generate();
    private readonly Ed25519PrivateKey _k2 = Ed25519PrivateKey.Generate();
    private readonly SnapshotVerifier _verifier;

    public SnapshotVerifierTests() => _verifier = new SnapshotVerifier(SampleSnapshots.Registry(("k1", _k1), ("k2", _k2)));

    public void Dispose()
    {
        _k1.Dispose();
        _k2.Dispose();
    }

    [Fact]
    public async Task SignedDocument_Verifies()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        var result = _verifier.Verify(signed.Document.Span);

        Assert.True(result.IsVerified, result.Message);
        Assert.Equal("verified", result.Reason);
        Assert.Equal("0193a5b2-7c1e-7d4f-8a9b-0000000000aa", result.SnapshotId);
        Assert.Equal("k1", result.SignerId);
        Assert.Equal(signed.Hash, result.ComputedHash);
        Assert.Null(result.Field);
    }

    [Fact]
    public async Task Rotation_DocumentsSignedByEitherKeyVerifyWithOneRegistry()
    {
        var first = await SampleSnapshots.SignAsync(_k1, "k1");
        var second = await SampleSnapshots.SignAsync(_k2, "k2");

        Assert.True(_verifier.Verify(first.Document.Span).IsVerified);
        Assert.True(_verifier.Verify(second.Document.Span).IsVerified);
        Assert.NotEqual(first.Signature.ToArray(), second.Signature.ToArray());
    }

    [Fact]
    public async Task Document_HasTheDocumentedLayout()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");
        var root = JsonNode.Parse(signed.Document.Span)!.AsObject();

        Assert.Equal(
            ["created_at", "hash", "id", "payload", "reasoning_graph_version", "root_ids", "signature", "signer_kid", "snapshot_bytes_canonical_hash"],
            root.Select(member => member.Key));
        Assert.Equal(signed.Document.ToArray(), CanonicalJson.Canonicalize(signed.Document.Span));
        byte[] digest = SHA256.HashData(signed.SignedBytes.Span);
        Assert.Equal(Convert.ToHexStringLower(digest), (string?)root[F.Hash]);
        Assert.Equal(Convert.ToBase64String(digest), (string?)root[F.CanonicalHash]);
        Assert.Equal("k1", (string?)root[F.SignerKid]);
        Assert.True(_k1.PublicKey.Verify(digest, Convert.FromBase64String((string)root[F.Signature]!)));
        Assert.Equal(
            ["created_at", "id", "payload", "reasoning_graph_version", "root_ids"],
            JsonNode.Parse(signed.SignedBytes.Span)!.AsObject().Select(member => member.Key));
    }

    [Fact]
    public async Task ManifestSignatureId_IsSignedWhenPresent()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1", SampleSnapshots.Content(manifestSignatureId: "manifest-7"));

        Assert.Contains("\"manifest_signature_id\":\"manifest-7\"", Encoding.UTF8.GetString(signed.SignedBytes.Span), StringComparison.Ordinal);
        Assert.True(_verifier.Verify(signed.Document.Span).IsVerified);
        AssertFails(DocumentEdit.Apply(signed.Document, d => d[F.ManifestSignatureId] = "manifest-8"), SnapshotVerificationFailure.HashMismatch, F.CanonicalHash);
        AssertFails(DocumentEdit.Apply(signed.Document, d => d.Remove(F.ManifestSignatureId)), SnapshotVerificationFailure.HashMismatch, F.CanonicalHash);
    }

    [Fact]
    public async Task NullManifestSignatureId_CountsAsAbsent()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        var result = _verifier.Verify(DocumentEdit.Apply(signed.Document, d => d[F.ManifestSignatureId] = null));

        Assert.True(result.IsVerified, result.Message);
    }

    [Fact]
    public async Task ReformattedDocument_StillVerifies()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");
        var root = JsonNode.Parse(signed.Document.Span)!.AsObject();
        var reordered = new JsonObject(root.Reverse().Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone())));
        string indented = reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        Assert.True(_verifier.Verify(Encoding.UTF8.GetBytes(indented)).IsVerified);
    }

    [Theory]
    [InlineData(F.Id)]
    [InlineData(F.RootIds)]
    [InlineData(F.CreatedAt)]
    [InlineData(F.ReasoningGraphVersion)]
    [InlineData(F.Payload)]
    [InlineData(F.CanonicalHash)]
    [InlineData(F.Hash)]
    [InlineData(F.SignerKid)]
    [InlineData(F.Signature)]
    public async Task MissingMember_IsMalformedNamingIt(string member)
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        var result = AssertFails(DocumentEdit.Apply(signed.Document, d => d.Remove(member)), SnapshotVerificationFailure.MalformedDocument, member);

        Assert.Contains(member + " is missing", result.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MistypedMembers => new()
    {
        { F.Id, "42" },
        { F.Id, "\"\"" },
        { F.RootIds, "[\"a\",1]" },
        { F.RootIds, "\"a\"" },
        { F.Payload, "[]" },
        { F.CreatedAt, "null" },
        { F.ManifestSignatureId, "7" },
        { F.Hash, "\"not hex\"" },
        { F.Hash, "\"abcd\"" },
        { F.CanonicalHash, "\"AAAA\"" },
        { F.CanonicalHash, "\"%%%\"" },
        { F.Signature, "\"***\"" },
        { F.Signature, "\"\"" },
        { F.SignerKid, "{}" },
    };

    [Theory]
    [MemberData(nameof(MistypedMembers))]
    public async Task MistypedOrUndecodableMember_IsMalformedNamingIt(string member, string json)
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        AssertFails(DocumentEdit.Apply(signed.Document, d => d[member] = JsonNode.Parse(json)), SnapshotVerificationFailure.MalformedDocument, member);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"a\",\"id\":\"b\"}")]
    [InlineData("")]
    public void NotADocument_IsMalformed(string text)
    {
        var result = _verifier.Verify(Encoding.UTF8.GetBytes(text));

        Assert.Equal(SnapshotVerificationFailure.MalformedDocument, result.Failure);
        Assert.Equal("malformed-document", result.Reason);
    }

    [Fact]
    public async Task UnsignedMember_IsRefusedUnlessAllowed()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");
        byte[] extended = DocumentEdit.Apply(signed.Document, d => d["description"] = "looks signed, is not");

        var strict = AssertFails(extended, SnapshotVerificationFailure.MalformedDocument, "description");
        Assert.Contains("unsigned", strict.Message, StringComparison.Ordinal);

        var lenient = new SnapshotVerifier(SampleSnapshots.Registry(("k1", _k1)), new SnapshotVerificationOptions { AllowUnsignedMembers = true }).Verify(extended);
        Assert.True(lenient.IsVerified);
        Assert.Equal(["description"], lenient.UnsignedMembers);
    }

    [Fact]
    public async Task ChangedPayload_IsAHashMismatchOnBothHashes()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        var result = AssertFails(
            DocumentEdit.Apply(signed.Document, d => d[F.Payload]!["audience"] = "auditor"), SnapshotVerificationFailure.HashMismatch, F.CanonicalHash);

        Assert.Contains($"{F.CanonicalHash} and {F.Hash}", result.Message, StringComparison.Ordinal);
        Assert.NotEqual(signed.Hash, result.ComputedHash);
    }

    [Theory]
    [InlineData(F.Hash)]
    [InlineData(F.CanonicalHash)]
    public async Task OneWrongHash_IsAHashMismatchOnThatMember(string member)
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");
        byte[] other = SHA256.HashData("other"u8);

        AssertFails(
            DocumentEdit.Apply(signed.Document, d => d[member] = member == F.Hash ? Convert.ToHexStringLower(other) : Convert.ToBase64String(other)),
            SnapshotVerificationFailure.HashMismatch, member);
    }

    [Fact]
    public async Task UppercaseHexHash_IsAccepted()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        Assert.True(_verifier.Verify(DocumentEdit.Apply(signed.Document, d => d[F.Hash] = signed.Hash.ToUpperInvariant())).IsVerified);
    }

    [Fact]
    public async Task UnknownSigner_IsReportedAsSuch()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        var result = AssertFails(DocumentEdit.Apply(signed.Document, d => d[F.SignerKid] = "k9"), SnapshotVerificationFailure.UnknownSigner, F.SignerKid);

        Assert.Contains("'k9' is not in the signer registry", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignerIdSwappedToAnotherRegisteredSigner_IsABadSignature()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");

        AssertFails(DocumentEdit.Apply(signed.Document, d => d[F.SignerKid] = "k2"), SnapshotVerificationFailure.BadSignature, F.Signature);
    }

    [Fact]
    public async Task ContentChangedAndRehashed_IsABadSignature()
    {
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");
        var forged = SampleSnapshots.Content();
        forged = new SnapshotContent
        {
            Id = forged.Id, RootIds = forged.RootIds, CreatedAt = forged.CreatedAt, ReasoningGraphVersion = "9.9.9", Payload = forged.Payload,
        };
        byte[] digest = SHA256.HashData(SnapshotDocumentSigner.ComputeSignedBytes(forged));

        byte[] document = DocumentEdit.Apply(signed.Document, d =>
        {
            d[F.ReasoningGraphVersion] = "9.9.9";
            d[F.Hash] = Convert.ToHexStringLower(digest);
            d[F.CanonicalHash] = Convert.ToBase64String(digest);
        });

        AssertFails(document, SnapshotVerificationFailure.BadSignature, F.Signature);
    }

    [Fact]
    public async Task RsaSha256Signature_VerifiesThroughTheRegistry()
    {
        using var rsa = RSA.Create(2048);
        var signed = await SampleSnapshots.SignAsync(_k1, "k1");
        byte[] rsaSignature = rsa.SignData(signed.Digest.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var verifier = new SnapshotVerifier(new SignerRegistry([RegisteredSigner.ForRsaSha256("rsa-1", rsa.ExportSubjectPublicKeyInfoPem())]));

        byte[] document = DocumentEdit.Apply(signed.Document, d =>
        {
            d[F.SignerKid] = "rsa-1";
            d[F.Signature] = Convert.ToBase64String(rsaSignature);
        });

        Assert.True(verifier.Verify(document).IsVerified);
        rsaSignature[0] ^= 0x80;
        Assert.Equal(
            SnapshotVerificationFailure.BadSignature,
            verifier.Verify(DocumentEdit.Apply(document, d => d[F.Signature] = Convert.ToBase64String(rsaSignature))).Failure);
    }

    private SnapshotVerificationResult AssertFails(byte[] document, SnapshotVerificationFailure failure, string? field)
    {
        var result = _verifier.Verify(document);
        Assert.False(result.IsVerified);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(field, result.Field);
        return result;
    }
}
