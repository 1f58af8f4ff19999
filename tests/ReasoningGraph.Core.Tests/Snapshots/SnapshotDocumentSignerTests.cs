using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>The snapshot document of INTEROP.md §3 as SnapshotDocumentSigner builds it, and its fail-closed behaviour.</summary>
public sealed class SnapshotDocumentSignerTests
{
    private static SnapshotContent Content(string payload = """{ "nodes": [], "edges": [], "annotations": [], "audience": "operator", "pii_included": false, "pii_policy_version": "v1", "z": 1.50 }""", string? manifest = null) => new()
    {
        Id = "0193a5b2-7c1e-7d4f-8a9b-0000000000aa",
        RootIds = ["r2", "r1"],
        CreatedAt = "2025-11-17T12:00:00Z",
        ReasoningGraphVersion = "0.1.0",
        Payload = Encoding.UTF8.GetBytes(payload),
        ManifestSignatureId = manifest,
    };

    [Fact]
    public void SignedBytes_AreTheCanonicalSignedObject()
    {
        byte[] bytes = SnapshotDocumentSigner.ComputeSignedBytes(Content(manifest: "m-1"));

        Assert.Equal(
            """{"created_at":"2025-11-17T12:00:00Z","id":"0193a5b2-7c1e-7d4f-8a9b-0000000000aa","manifest_signature_id":"m-1","payload":{"annotations":[],"audience":"operator","edges":[],"nodes":[],"pii_included":false,"pii_policy_version":"v1","z":1.5},"reasoning_graph_version":"0.1.0","root_ids":["r2","r1"]}""",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void SignedBytes_OmitAnAbsentManifestSignatureId()
    {
        Assert.DoesNotContain("manifest_signature_id", Encoding.UTF8.GetString(SnapshotDocumentSigner.ComputeSignedBytes(Content())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_AddsTheProofToTheSignedObject()
    {
        var signer = new FakeDigestSigner();

        var signed = await new SnapshotDocumentSigner(signer, verifier: signer).SignAsync(Content());

        byte[] digest = SHA256.HashData(signed.SignedBytes.Span);
        Assert.Equal(digest, signed.Digest.ToArray());
        Assert.Equal(Convert.ToHexStringLower(digest), signed.Hash);
        Assert.Equal("fake-1", signed.SignerId);
        using var document = JsonDocument.Parse(signed.Document);
        var root = document.RootElement;
        Assert.Equal(signed.Hash, root.GetProperty("hash").GetString());
        Assert.Equal(Convert.ToBase64String(digest), root.GetProperty("snapshot_bytes_canonical_hash").GetString());
        Assert.Equal("fake-1", root.GetProperty("signer_kid").GetString());
        Assert.True(signer.Verify("fake-1", digest, Convert.FromBase64String(root.GetProperty("signature").GetString()!)));
        Assert.Equal(signed.Document.ToArray(), CanonicalJson.Canonicalize(signed.Document.Span));
    }

    [Fact]
    public async Task SignerFailure_BecomesSigningFailure()
    {
        var signer = new FakeDigestSigner { Failure = new IOException("hsm unplugged") };

        var error = await Assert.ThrowsAsync<SigningException>(() => new SnapshotDocumentSigner(signer).SignAsync(Content()));

        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task TransientSigningException_PassesThroughUnchanged()
    {
        var thrown = new SigningException("proxy down", transient: true);
        var signer = new FakeDigestSigner { Failure = thrown };

        var error = await Assert.ThrowsAsync<SigningException>(() => new SnapshotDocumentSigner(signer).SignAsync(Content()));

        Assert.Same(thrown, error);
        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    public async Task SignatureOfWrongLength_IsRefused(int length)
    {
        var signer = new FakeDigestSigner { Override = _ => new byte[length] };

        var error = await Assert.ThrowsAsync<SigningException>(() => new SnapshotDocumentSigner(signer).SignAsync(Content()));

        Assert.Contains($"{length}-byte signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignatureRejectedByTheVerifier_IsRefused()
    {
        var signer = new FakeDigestSigner { Override = signature => [.. signature.Reverse()] };

        var error = await Assert.ThrowsAsync<SigningException>(() => new SnapshotDocumentSigner(signer, verifier: signer).SignAsync(Content()));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{} {}")]
    [InlineData("{")]
    public async Task PayloadThatIsNotOneObject_IsRefusedBeforeSigning(string payload)
    {
        var signer = new FakeDigestSigner();

        await Assert.ThrowsAsync<ArgumentException>(() => new SnapshotDocumentSigner(signer).SignAsync(Content(payload)));
        Assert.Equal(0, signer.Calls);
    }

    [Fact]
    public async Task PayloadWithDuplicateKeys_IsACanonicalizationError()
    {
        var signer = new FakeDigestSigner();

        var error = await Assert.ThrowsAsync<CanonicalizationException>(() => new SnapshotDocumentSigner(signer).SignAsync(Content("""{"a":1,"a":2}""")));

        Assert.Equal(CanonicalJsonError.DuplicateKey, error.Reason);
        Assert.Equal(0, signer.Calls);
    }
}
