using System.Text;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Signing.Tests.Support;

/// <summary>Snapshot documents signed at test time with freshly generated keys.</summary>
internal static class SampleSnapshots
{
    /// <summary>
    /// A payload of the documented shape whose strings exercise the kernel profile: HTML characters kept raw,
    /// U+2028 escaped, non-ASCII, and keys whose UTF-8 order differs from their UTF-16 order.
    /// </summary>
    public const string Payload = """
        {
          "nodes": [
            {"id": "0193a5b2-7c1e-7d4f-8a9b-000000000001", "type": "decision", "author": "service:eval",
             "createdAt": "2025-11-17T12:00:00.12345Z",
             "payload": {"reason": "improved <b>&amp;</b>", "score": 0.95, "note": "line\u2028sep é 世 😀", "\uE000": 1, "😀": 2},
             "metadata": {}},
            {"id": "0193a5b2-7c1e-7d4f-8a9b-000000000002", "type": "observation", "author": "sensor:1",
             "createdAt": "2025-11-17T12:00:01Z", "payload": {"value": 10, "extra": null, "flag": true}, "metadata": {"confidence": 0.5}}
          ],
          "edges": [
            {"id": "0193a5b2-7c1e-7d4f-8a9b-000000000003", "from": "0193a5b2-7c1e-7d4f-8a9b-000000000002",
             "to": "0193a5b2-7c1e-7d4f-8a9b-000000000001", "type": "causal", "weight": 0.75, "metadata": {}, "createdAt": "2025-11-17T12:00:02Z"}
          ],
          "annotations": [],
          "audience": "operator",
          "pii_included": false,
          "pii_policy_version": "2025-01"
        }
        """;

    public static SnapshotContent Content(string? manifestSignatureId = null, string payload = Payload) => new()
    {
        Id = "0193a5b2-7c1e-7d4f-8a9b-0000000000aa",
        RootIds = ["0193a5b2-7c1e-7d4f-8a9b-000000000001"],
        CreatedAt = "2025-11-17T12:00:03.5Z",
        ReasoningGraphVersion = "0.1.0",
        Payload = Encoding.UTF8.GetBytes(payload),
        ManifestSignatureId = manifestSignatureId,
    };

    public static async Task<SignedSnapshot> SignAsync(Ed25519PrivateKey key, string signerId, SnapshotContent? content = null)
    {
        using var signer = new LocalEd25519Signer(key, signerId, ownsKey: false);
        return await new SnapshotDocumentSigner(signer).SignAsync(content ?? Content());
    }

    public static SignerRegistry Registry(params (string Id, Ed25519PrivateKey Key)[] signers) =>
        new(signers.Select(s => RegisteredSigner.ForEd25519(s.Id, s.Key.PublicKey)));
}
