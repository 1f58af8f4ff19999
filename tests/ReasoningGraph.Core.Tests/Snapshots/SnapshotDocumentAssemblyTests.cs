using ReasoningGraph.Canonicalization;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>The document assembled by splicing the proof into canonical signed bytes equals the canonicalized whole.</summary>
public sealed class SnapshotDocumentAssemblyTests
{
    [Theory]
    [InlineData("k1", null)]
    [InlineData("kms/key-1", "manifest-1")]
    [InlineData("ключ\u2028<&>\"\\\u0001😀", "m\u2029")]
    public async Task SplicedDocument_IsTheCanonicalDocument(string signerId, string? manifest)
    {
        var signer = new FakeDigestSigner { SignerId = signerId };
        var content = new SnapshotContent
        {
            Id = "0193a5b2-7c1e-7d4f-8a9b-0000000000aa",
            RootIds = ["r1", "r2"],
            CreatedAt = "2025-11-17T12:00:00.12345Z",
            ReasoningGraphVersion = "0.1.0",
            ManifestSignatureId = manifest,
            Payload = """{"nodes":[{"id":"x","payload":{"é":1.50,"a":[1e21,-0]}}],"edges":[],"annotations":[],"audience":"operator","pii_included":false,"pii_policy_version":"none"}"""u8.ToArray(),
        };
        var documents = new SnapshotDocumentSigner(signer, signer);
        var spliced = await documents.SignAsync(content);
        var canonicalized = await documents.SignAsync(SnapshotDocumentSigner.ComputeSignedBytes(content));
        Assert.Equal(canonicalized.Document.ToArray(), spliced.Document.ToArray());
        Assert.Equal(CanonicalJson.Canonicalize(spliced.Document.Span), spliced.Document.ToArray());
        Assert.True(new SnapshotVerifier(signer).Verify(spliced.Document.Span).IsVerified);
    }
}
