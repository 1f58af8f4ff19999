using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>
/// A snapshot document carrying the audit log's checkpoint (<c>log_checkpoint</c>): attached outside the signed bytes,
/// so the signed bytes, both hashes and the signature are those of the document without it, the document stays
/// canonical, and the strict verifier (no unsigned members allowed) still verifies it, as INTEROP §3 reads it.
/// </summary>
public sealed class SnapshotLogCheckpointTests
{
    private static readonly FakeDigestSigner Signer = new() { SignerId = "rg-audit" };

    [Property(MaxTest = 100)]
    public Property AttachingACheckpoint_LeavesTheSignedBytesHashAndSignatureUnchanged(NonEmptyString origin, PositiveInt size, bool manifest)
    {
        string note = $"{origin.Get.Replace('\n', ' ')}\n{size.Get}\nAAAA\n\n\u2014 rg-audit AbCd\n";
        var signed = SignAsync(manifest).GetAwaiter().GetResult();

        var carried = signed.WithLogCheckpoint(note);

        var verdict = new SnapshotVerifier(Signer).Verify(carried.Document.Span);
        using var document = JsonDocument.Parse(carried.Document);
        var root = document.RootElement;
        var without = root.EnumerateObject().Where(m => m.Name != SnapshotDocumentFields.LogCheckpoint).Select(m => m.Name).ToList();
        bool unchanged = carried.SignedBytes.Span.SequenceEqual(signed.SignedBytes.Span)
            && carried.Hash == signed.Hash
            && carried.Signature.Span.SequenceEqual(signed.Signature.Span)
            && root.GetProperty(SnapshotDocumentFields.Hash).GetString() == signed.Hash
            && root.GetProperty(SnapshotDocumentFields.CanonicalHash).GetString() == Convert.ToBase64String(signed.Digest.Span);
        bool canonical = CanonicalJson.Canonicalize(carried.Document.Span).AsSpan().SequenceEqual(carried.Document.Span);
        bool replaced = carried.WithLogCheckpoint("other\n1\nAAAA\n\n\u2014 x y\n").Document.Length > 0
            && JsonDocument.Parse(carried.WithLogCheckpoint(note).Document).RootElement.GetProperty(SnapshotDocumentFields.LogCheckpoint).GetString() == note;
        return (unchanged && canonical && replaced
            && verdict.IsVerified && verdict.ComputedHash == signed.Hash && verdict.UnsignedMembers.Count == 0
            && root.GetProperty(SnapshotDocumentFields.LogCheckpoint).GetString() == note
            && without.SequenceEqual(JsonDocument.Parse(signed.Document).RootElement.EnumerateObject().Select(m => m.Name)))
            .Label($"unchanged {unchanged}, canonical {canonical}, verdict {verdict.Reason}");
    }

    [Fact]
    public async Task ACarriedCheckpoint_DoesNotProtectThePayload()
    {
        var carried = (await SignAsync(manifest: false)).WithLogCheckpoint("log\n1\nAAAA\n\n\u2014 rg-audit AbCd\n");
        string tampered = System.Text.Encoding.UTF8.GetString(carried.Document.Span).Replace("\"x\"", "\"y\"", StringComparison.Ordinal);

        var verdict = new SnapshotVerifier(Signer).Verify(System.Text.Encoding.UTF8.GetBytes(tampered));

        Assert.Equal(SnapshotVerificationFailure.HashMismatch, verdict.Failure);
    }

    private static Task<SignedSnapshot> SignAsync(bool manifest) => new SnapshotDocumentSigner(Signer, Signer).SignAsync(new SnapshotContent
    {
        Id = "0193a5b2-7c1e-7d4f-8a9b-0000000000aa",
        RootIds = ["r1"],
        CreatedAt = "2025-11-17T12:00:00.12345Z",
        ReasoningGraphVersion = "0.1.0",
        ManifestSignatureId = manifest ? "manifest-1" : null,
        Payload = """{"nodes":[{"id":"x"}],"edges":[],"annotations":[],"audience":"operator","pii_included":false,"pii_policy_version":"none"}"""u8.ToArray(),
    });
}
