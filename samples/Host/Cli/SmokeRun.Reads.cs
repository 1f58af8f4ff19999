using System.Text;
using System.Text.Json;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Cli;

/// <summary>The read-back steps: what the service answers about the canary must be what was written.</summary>
internal sealed partial class SmokeRun
{
    private async Task<Outcome> TraceAsync(CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, $"reason/traces/{Root}", null, null, cancellationToken);
        if (answer.Status != 200)
        {
            return Fail(answer, Problem(answer, "200"));
        }

        var path = Items(answer.Body, "ordered_path");
        var nodes = path.Where(e => Field(e, "type") == "node").Select(e => Field(e, "id")).ToList();
        string expected = Join(_nodes);
        if (!nodes.SequenceEqual(_nodes.Select(n => n.ToString()), StringComparer.OrdinalIgnoreCase))
        {
            return Fail(answer, $"ordered_path lists the nodes [{string.Join(", ", nodes)}], expected [{expected}] in causal order (docs/SERVICE.md, GET /reason/traces/{{id}})");
        }

        var missing = _edges.Where(edge => !path.Any(e => Same(Field(e, "id"), edge))).ToList();
        return missing.Count == 0
            ? Pass(answer, $"{path.Count} entries: the canary nodes in causal order with their edges")
            : Fail(answer, $"ordered_path lacks the canary edges [{Join(missing)}]");
    }

    private async Task<Outcome> ExplainAsync(CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, $"reason/node/{Root}/explain", null, null, cancellationToken);
        if (answer.Status != 200)
        {
            return Fail(answer, Problem(answer, "200"));
        }

        string summary = Field(answer.Body, "summary");
        var names = Items(answer.Body, "components").Select(c => Field(c, "name")).ToList();
        var unexplained = _nodes.Where(node => !names.Any(n => n.Contains(node.ToString(), StringComparison.OrdinalIgnoreCase))).ToList();
        if (summary is "?" or "" || unexplained.Count > 0)
        {
            return Fail(answer, $"the explanation lacks a summary or a component for the nodes [{Join(unexplained)}]");
        }

        return Pass(answer, $"{names.Count} components: {(summary.Length > 160 ? summary[..160] + "…" : summary)}");
    }

    private async Task<Outcome> VerifyAsync(CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, $"reason/snapshot/{_snapshotId}", null, null, cancellationToken);
        if (answer.Status != 200)
        {
            return Fail(answer, Problem(answer, "200"));
        }

        if (verifier is null)
        {
            return Fail(answer, "not verified: no keys were given. Pass --signers FILE (the signer registry published to auditors) or --public-key FILE: " +
                "a canary passes only once its snapshot's signature is checked offline");
        }

        // The document byte for byte as the service stored and signed it, out of its envelope.
        byte[] document = SnapshotSource.Unwrap(answer.Content);
        var result = new SnapshotVerifier(verifier).Verify(document);
        if (!result.IsVerified)
        {
            return Fail(answer, $"{result.Reason}{(result.Field is null ? "" : $" ({result.Field})")}: {result.Message}. Check that {verifierSource} holds the key the service " +
                $"signs with (signer {result.SignerId ?? "?"}: SIGNER_ID or SIGNING_PROXY_KEY_ID; docs/runbooks/key-compromise-rotation.md)" +
                (result.Reason is "bad-signature" or "hash-mismatch" ? "; if it does, docs/runbooks/canonicalization-mismatch.md" : ""));
        }

        string text = Encoding.UTF8.GetString(document);
        var absent = _nodes.Where(n => !text.Contains(n.ToString(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (!Same(result.SnapshotId, _snapshotId) || absent.Count > 0)
        {
            return Fail(answer, $"the signature verifies, but the document is snapshot {result.SnapshotId} and lacks the canary nodes [{Join(absent)}]");
        }

        return Pass(answer, $"verified offline with {verifierSource}: signer {result.SignerId}, hash {result.ComputedHash}");
    }

    /// <summary>
    /// The audit references the API shows: every trace entry's <c>auditRef.eventId</c> (the Kernel's audit event for
    /// the write, as sent) and the export's <c>snapshot.auditEventId</c> (the service's <c>reason.snapshot.created</c>
    /// event on its own chain). The chain itself is checked by <c>audit-verify</c>, which reads the store, not the API.
    /// </summary>
    private async Task<Outcome> AuditAsync(CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, $"reason/export/{Root}", null, null, cancellationToken);
        if (answer.Status != 200)
        {
            return Fail(answer, Problem(answer, "200"));
        }

        var export = answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("export", out var e) ? e : default;
        var path = export.ValueKind == JsonValueKind.Object && export.TryGetProperty("trace", out var trace) ? Items(trace, "ordered_path") : [];
        var unreferenced = _nodes.Concat(_edges).Where(item => !path.Any(entry =>
            Same(Field(entry, "id"), item) && entry.TryGetProperty("auditRef", out var audit) && Field(audit, "eventId") == AuditReference(item))).ToList();
        if (unreferenced.Count > 0)
        {
            return Fail(answer, $"the ordered trace shows no audit reference (auditRef.eventId as written) for [{Join(unreferenced)}]: the store dropped the items' auditEventId");
        }

        var snapshot = export.ValueKind == JsonValueKind.Object && export.TryGetProperty("snapshot", out var s) ? s : default;
        string eventId = Field(snapshot, "auditEventId");
        if (!Same(Field(snapshot, "snapshotId"), _snapshotId) || eventId is "?" or "null" or "")
        {
            return Fail(answer, $"the export shows snapshot {Field(snapshot, "snapshotId")} with audit event {eventId}, expected snapshot {_snapshotId} " +
                "with its reason.snapshot.created event: check the audit signer (AUDIT_SIGNER_KID) and run reasoning-graph audit-verify");
        }

        return Pass(answer, $"{_nodes.Length + _edges.Length} canary items carry their audit references; snapshot audit event {eventId} " +
            "(the chain itself: reasoning-graph audit-verify)");
    }

    /// <summary>An unexpected answer, with the error envelope's code and message and what to check for that status.</summary>
    private static string Problem(SmokeAnswer answer, string expected)
    {
        string code = answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("error", out var error) ? Field(error, "code") : "?";
        string check = answer.Status switch
        {
            401 => "check the credentials: --cert/--key (a client certificate the Kernel CA issued), --token (a Kernel JWT) or --header",
            403 => "the caller lacks a capability (a client certificate's CN must be in KERNEL_TRUSTED_CN; a token's scope must grant reasoning:write " +
                "and read:trace), or SentinelNet denied the write (details.policyId; docs/SERVICE.md, \"Write policy\")",
            404 => "check that --url is the reasoning-graph service's base URL",
            409 when code == "SNAPSHOT_NOT_READY" => "the snapshot is not signed yet: docs/runbooks/signer-outage.md",
            429 => "rate limited (RATE_LIMIT_PER_SECOND): run the canary again later",
            502 => "the signer failed: docs/runbooks/signer-outage.md",
            503 when code == "READ_ONLY" => "the service is read-only: docs/runbooks/hold-and-read-only.md",
            503 => "the store is unavailable: GET /ready and docs/runbooks/store-degraded-restore.md",
            504 => "the request timed out in the service (REQUEST_TIMEOUT_SECONDS): docs/runbooks/latency-slo.md",
            _ => "check the service's logs (docs/runbooks/http-errors.md)",
        };
        return $"HTTP {answer.Status}, expected {expected}: {answer.Error()}. {char.ToUpperInvariant(check[0])}{check[1..]}";
    }

    private static bool Same(string? text, Guid id) => Guid.TryParse(text, out var parsed) && parsed == id;

    private static bool Same(string? text, string? other) => text is not null && other is not null && string.Equals(text, other, StringComparison.OrdinalIgnoreCase);

    private static string Join(IEnumerable<Guid> ids) => string.Join(", ", ids);
}
