using System.Text;
using System.Text.Json.Nodes;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>SnapshotVerifier over any IDigestVerifier (Ed25519 and the registries are tested in the Signing tests).</summary>
public sealed class SnapshotVerifierCoreTests
{
    private static SnapshotContent Content() => new()
    {
        Id = "s-1",
        RootIds = ["r-1"],
        CreatedAt = "2025-11-17T12:00:00Z",
        ReasoningGraphVersion = "0.1.0",
        Payload = """{"nodes":[],"edges":[],"annotations":[],"audience":"operator","pii_included":false,"pii_policy_version":"v1"}"""u8.ToArray(),
    };

    [Fact]
    public async Task SignedDocument_Verifies_AndEachFailureIsNamed()
    {
        var signer = new FakeDigestSigner();
        var verifier = new SnapshotVerifier(signer);
        var signed = await new SnapshotDocumentSigner(signer).SignAsync(Content());

        Assert.True(verifier.Verify(signed.Document.Span).IsVerified);
        Assert.Equal(SnapshotVerificationFailure.UnknownSigner, verifier.Verify(Edit(signed, d => d["signer_kid"] = "other")).Failure);
        Assert.Equal(SnapshotVerificationFailure.BadSignature, verifier.Verify(Edit(signed, d => d["signature"] = Convert.ToBase64String(new byte[64]))).Failure);
        Assert.Equal(SnapshotVerificationFailure.HashMismatch, verifier.Verify(Edit(signed, d => d["id"] = "s-2")).Failure);
        Assert.Equal(SnapshotVerificationFailure.MalformedDocument, verifier.Verify(Edit(signed, d => d.Remove("root_ids"))).Failure);
    }

    private static byte[] Edit(SignedSnapshot signed, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(signed.Document.Span)!.AsObject();
        edit(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
