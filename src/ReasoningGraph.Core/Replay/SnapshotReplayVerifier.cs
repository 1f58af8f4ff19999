using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage;
using F = ReasoningGraph.Snapshots.SnapshotDocumentFields;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Replay;

/// <summary>
/// Checks an archived snapshot against a rebuilt graph (docs/runbooks/replay-rebuild.md): the document's signature
/// must verify, and the snapshot re-collected from the rebuilt graph — same id, roots, <c>created_at</c>, version,
/// audience and PII policy as the document records — must give the same canonical signed bytes, hence the same hash.
/// The document records neither the <c>seq</c> it was taken at nor its depth, so the snapshot is re-collected as of
/// the newest item it holds, at the depth of its farthest node and, failing that, one more (which also picks up the
/// edges between the farthest nodes). Thread-safe.
/// </summary>
public sealed class SnapshotReplayVerifier
{
    private static readonly string[] ItemArrays = ["nodes", "edges", "annotations"];

    private readonly IReasoningGraphStore _graph;
    private readonly SnapshotVerifier _verifier;
    private readonly ISnapshotRedactor _redactor;

    /// <summary>Creates the verifier.</summary>
    /// <param name="graph">The rebuilt graph.</param>
    /// <param name="verifier">Verifies the archived documents' signatures (the signer registry).</param>
    /// <param name="redactor">The redactor operator snapshots were built with; when null, none (policy version <c>none</c>).</param>
    public SnapshotReplayVerifier(IReasoningGraphStore graph, SnapshotVerifier verifier, ISnapshotRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(verifier);
        _graph = graph;
        _verifier = verifier;
        _redactor = redactor ?? UncataloguedRedactor.Instance;
    }

    /// <summary>Verifies one archived document against the rebuilt graph.</summary>
    /// <param name="document">The archived document's exact bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verdict, naming what differs; never throws for a bad document.</returns>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>.</exception>
    public async Task<SnapshotReplayResult> VerifyAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default)
    {
        var signature = _verifier.Verify(document.Span);
        string id = signature.SnapshotId ?? "(no id)";
        if (!signature.IsVerified)
        {
            return new(id, SnapshotReplayDifferences.Signature, $"{signature.Reason}: {signature.Message}", null);
        }

        using var parsed = JsonDocument.Parse(CanonicalJson.Canonicalize(document.Span), new JsonDocumentOptions { MaxDepth = CanonicalJsonOptions.DefaultMaxDepth + 1 });
        var root = parsed.RootElement;
        string hash = signature.ComputedHash!;
        var payload = root.GetProperty(F.Payload);
        string policy = payload.GetProperty("pii_policy_version").GetString()!;
        if (!string.Equals(policy, _redactor.PolicyVersion, StringComparison.Ordinal))
        {
            return new(id, SnapshotReplayDifferences.PiiPolicyVersion,
                $"the snapshot was redacted under PII policy '{policy}', the rebuild is configured with '{_redactor.PolicyVersion}'", hash);
        }

        var roots = root.GetProperty(F.RootIds).EnumerateArray().Select(r => Guid.Parse(r.GetString()!)).ToList();
        var itemIds = ItemArrays.SelectMany(name => payload.GetProperty(name).EnumerateArray().Select(i => Guid.Parse(i.GetProperty("id").GetString()!))).ToHashSet();
        var found = await _graph.GetItemsAsync(itemIds, long.MaxValue, cancellationToken).ConfigureAwait(false);
        if (found.Count < itemIds.Count)
        {
            var missing = itemIds.Except(found.Select(i => i.Id)).Order().ToList();
            return new(id, SnapshotReplayDifferences.ItemMissing,
                $"{missing.Count} item(s) of the snapshot are not in the rebuilt graph: {Names(missing.Select(m => m.ToString()))}", hash);
        }

        byte[] archived = SnapshotVerifier.RebuildSignedObject(root);
        long asOf = found.Max(i => i.Seq);
        int farthest = SnapshotPayloadLevels.Farthest(payload, roots);
        byte[]? firstPayload = null;
        foreach (int depth in new[] { farthest, farthest + 1 })
        {
            var subgraph = await SubgraphCollector.CollectAsync(_graph, roots, depth, asOf, cancellationToken).ConfigureAwait(false);
            byte[] rebuiltPayload = SnapshotPayloadWriter.Write(subgraph, Audience(payload), _redactor);
            byte[] rebuilt = SnapshotDocumentSigner.ComputeSignedBytes(Content(root, rebuiltPayload), payloadWrittenHere: true);
            if (rebuilt.AsSpan().SequenceEqual(archived))
            {
                return new(id, null, $"snapshot {id} verifies: signed by '{signature.SignerId}', rebuilt at depth {depth} as of seq {asOf} to the same canonical bytes (hash {hash})", hash);
            }

            firstPayload ??= rebuiltPayload;
        }

        string differences = SnapshotPayloadLevels.Describe(payload, firstPayload!);
        return differences.Length > 0
            ? new(id, SnapshotReplayDifferences.PayloadDiffers, $"the rebuilt graph differs from the archived snapshot (depth {farthest}, as of seq {asOf}): {differences}", hash)
            : new(id, SnapshotReplayDifferences.CanonicalBytesDiffer, $"the payloads agree but the canonical signed bytes do not (archived hash {hash}): a canonicalization change", hash);
    }

    private static SnapshotAudience Audience(JsonElement payload) =>
        payload.GetProperty("audience").GetString() == "auditor" ? SnapshotAudience.Auditor : SnapshotAudience.Operator;

    /// <summary>The signed members as archived, with the re-collected payload.</summary>
    private static SnapshotContent Content(JsonElement root, byte[] payload) => new()
    {
        Id = root.GetProperty(F.Id).GetString()!,
        RootIds = [.. root.GetProperty(F.RootIds).EnumerateArray().Select(r => r.GetString()!)],
        CreatedAt = root.GetProperty(F.CreatedAt).GetString()!,
        ReasoningGraphVersion = root.GetProperty(F.ReasoningGraphVersion).GetString()!,
        Payload = payload,
        ManifestSignatureId = root.TryGetProperty(F.ManifestSignatureId, out var manifest) && manifest.ValueKind == JsonValueKind.String ? manifest.GetString() : null,
    };

    internal static string Names(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return string.Join(", ", list.Take(5)) + (list.Count > 5 ? $" and {list.Count - 5} more" : "");
    }
}
