using System.Text;
using ReasoningGraph.Archive;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Tests.Snapshots;

namespace ReasoningGraph.Tests.Archive;

/// <summary>Signed snapshot documents for the archive tests, signed by a fake signer (the archive does not check signatures).</summary>
internal static class ArchiveSamples
{
    private static readonly FakeDigestSigner Signer = new();

    public static async Task<ArchiveDocument> DocumentAsync(string? id = null, bool? piiIncluded = false, string note = "n")
    {
        string pii = piiIncluded is { } value ? $""" "pii_included": {(value ? "true" : "false")}, "pii_policy_version": "pii-v3", """ : "";
        var content = new SnapshotContent
        {
            Id = id ?? Guid.NewGuid().ToString(),
            RootIds = ["root-1"],
            CreatedAt = "2026-11-23T12:00:00.5Z",
            ReasoningGraphVersion = "0.1.0",
            Payload = Encoding.UTF8.GetBytes($$"""{ "nodes": [{"id":"root-1","note":"{{note}}"}], "edges": [], "annotations": [], {{pii}} "audience": "auditor" }"""),
        };
        var signed = await new SnapshotDocumentSigner(Signer).SignAsync(content);
        return ArchiveDocument.FromSignedSnapshot(signed);
    }
}
