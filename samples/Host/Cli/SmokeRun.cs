using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// One canary run, in the order a rollout runbook asks: <c>health</c>, <c>ready</c> (200 required); a marked canary
/// chain observation → recommendation → decision written with client-supplied UUIDv7 ids (<c>write-nodes</c>,
/// <c>write-edges</c>); its ordered causal trace (<c>trace</c>) and rationale (<c>explain</c>); a snapshot of it with an
/// Idempotency-Key (<c>snapshot</c>, 201 required); that snapshot fetched and verified offline (<c>verify</c>); the audit
/// references of every canary item and of the snapshot (<c>audit</c>). A step whose input failed is reported skipped
/// (not ok), never run against half a chain.
/// </summary>
internal sealed partial class SmokeRun(SmokeHttp http, IDigestVerifier? verifier, string? verifierSource)
{
    /// <summary>The canary's author: what an operator filters on to tell canaries from the Kernel's reasoning.</summary>
    public const string Author = "canary:smoke";

    private static readonly string[] NodeTypes = [WellKnownNodeTypes.Observation, WellKnownNodeTypes.Recommendation, WellKnownNodeTypes.Decision];

    private readonly List<SmokeStep> _steps = [];
    private readonly Guid _run = Guid.CreateVersion7();
    private readonly Guid[] _nodes = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
    private readonly Guid[] _edges = [Guid.CreateVersion7(), Guid.CreateVersion7()];
    private string? _snapshotId;

    /// <summary>The decision: the chain's last node, whose trace holds the whole chain.</summary>
    private Guid Root => _nodes[^1];

    public async Task<SmokeReport> RunAsync(CancellationToken cancellationToken)
    {
        var health = await StepAsync("health", null, HealthAsync, cancellationToken);

        // No HTTP answer at all: every other step would only repeat the same transport failure.
        string? unreachable = health.Status is null ? "skipped: the service did not answer GET /health" : null;
        await StepAsync("ready", unreachable, ReadyAsync, cancellationToken);
        var nodes = await StepAsync("write-nodes", unreachable, WriteNodesAsync, cancellationToken);
        var edges = await StepAsync("write-edges", unreachable ?? After(nodes), WriteEdgesAsync, cancellationToken);
        string? chain = unreachable ?? After(nodes) ?? After(edges);
        await StepAsync("trace", chain, TraceAsync, cancellationToken);
        await StepAsync("explain", chain, ExplainAsync, cancellationToken);
        var snapshot = await StepAsync("snapshot", chain, SnapshotAsync, cancellationToken);
        string? signed = chain ?? After(snapshot);
        await StepAsync("verify", signed, VerifyAsync, cancellationToken);
        await StepAsync("audit", signed, AuditAsync, cancellationToken);
        return new SmokeReport(_steps, _run, _nodes, _edges, _snapshotId);
    }

    private static string? After(SmokeStep step) => step.Ok ? null : $"skipped: {step.Name} failed";

    private async Task<SmokeStep> StepAsync(string name, string? skipped, Func<CancellationToken, Task<Outcome>> body, CancellationToken cancellationToken)
    {
        SmokeStep step;
        if (skipped is not null)
        {
            step = new SmokeStep(name, false, null, 0, skipped);
        }
        else
        {
            var clock = Stopwatch.StartNew();
            Outcome outcome;
            try
            {
                outcome = await body(cancellationToken);
            }
            catch (SmokeFailure e)
            {
                outcome = new Outcome(null, false, e.Message);
            }

            step = new SmokeStep(name, outcome.Ok, outcome.Status, clock.ElapsedMilliseconds, outcome.Detail);
        }

        _steps.Add(step);
        return step;
    }

    private async Task<Outcome> HealthAsync(CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, "health", null, null, cancellationToken);
        // The facts an operator reads before trusting the rest (what /health shows depends on the store).
        string[] facts = ["store", "db", "signerConfigured", "readOnly", "signingHold", "auditSignaturesPending", "snapshotsOnHold"];
        return answer.Status == 200
            ? Pass(answer, string.Join(", ", facts.Where(f => answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty(f, out _)).Select(f => $"{f} {Field(answer.Body, f)}")))
            : Fail(answer, Problem(answer, "200"));
    }

    private async Task<Outcome> ReadyAsync(CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, "ready", null, null, cancellationToken);
        string components = $"store {Field(answer.Body, "store")}, signer {Field(answer.Body, "signer")}, archive {Field(answer.Body, "archive")}, auditor archive {Field(answer.Body, "auditorArchive")}";
        return answer.Status switch
        {
            200 => Pass(answer, "ready: " + components),
            503 when answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("store", out _) => Fail(answer,
                $"HTTP 503, not ready: {components}: the store (docs/runbooks/store-degraded-restore.md) or an archive (docs/runbooks/archive-lag.md) is failing"),
            _ => Fail(answer, Problem(answer, "200")),
        };
    }

    private async Task<Outcome> WriteNodesAsync(CancellationToken cancellationToken)
    {
        var nodes = new JsonArray();
        for (int i = 0; i < _nodes.Length; i++)
        {
            nodes.Add(new JsonObject
            {
                ["id"] = _nodes[i].ToString(),
                ["type"] = NodeTypes[i],
                ["author"] = Author,
                ["payload"] = new JsonObject { ["summary"] = $"Canary {NodeTypes[i]} written by reasoning-graph smoke", ["canary"] = true, ["run"] = _run.ToString() },
                ["metadata"] = Marker(),
                ["auditEventId"] = AuditReference(_nodes[i]),
            });
        }

        var answer = await http.SendAsync(HttpMethod.Post, "reason/nodes", new JsonObject { ["nodes"] = nodes }, null, cancellationToken);
        return Written(answer, "nodes", "nodeId", _nodes, $"{string.Join(" → ", NodeTypes)} by {Author}, run {_run}");
    }

    private async Task<Outcome> WriteEdgesAsync(CancellationToken cancellationToken)
    {
        var edges = new JsonArray();
        for (int i = 0; i < _edges.Length; i++)
        {
            edges.Add(new JsonObject
            {
                ["id"] = _edges[i].ToString(),
                ["from"] = _nodes[i].ToString(),
                ["to"] = _nodes[i + 1].ToString(),
                ["type"] = WellKnownEdgeTypes.Causal,
                ["metadata"] = Marker(),
                ["auditEventId"] = AuditReference(_edges[i]),
            });
        }

        var answer = await http.SendAsync(HttpMethod.Post, "reason/edges", new JsonObject { ["edges"] = edges }, null, cancellationToken);
        return Written(answer, "edges", "edgeId", _edges, "causal edges between them");
    }

    /// <summary>201, or 200 for a replay of the same ids and content (a retried request), naming exactly our ids.</summary>
    private static Outcome Written(SmokeAnswer answer, string list, string idName, Guid[] ids, string what)
    {
        if (answer.Status is not (200 or 201))
        {
            return Fail(answer, Problem(answer, "201"));
        }

        var named = Items(answer.Body, list).Select(e => Field(e, idName)).ToList();
        return named.SequenceEqual(ids.Select(id => id.ToString()), StringComparer.OrdinalIgnoreCase)
            ? Pass(answer, $"{ids.Length} canary {list} written ({what}){(answer.Status == 200 ? ", replayed" : "")}")
            : Fail(answer, $"the answer names the {list} [{string.Join(", ", named)}], not the canary's [{string.Join(", ", ids)}]: check that --url is the reasoning-graph service");
    }

    private async Task<Outcome> SnapshotAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["rootNodeIds"] = new JsonArray(Root.ToString()), ["depth"] = 2 };
        var answer = await http.SendAsync(HttpMethod.Post, "reason/snapshot", body, "canary-smoke-" + _run, cancellationToken);
        if (answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("snapshotId", out var id) && id.ValueKind == JsonValueKind.String)
        {
            _snapshotId = id.GetString();
        }

        string status = Field(answer.Body, "status");
        return answer.Status switch
        {
            201 when _snapshotId is not null => Pass(answer, $"snapshot {_snapshotId} signed by {Field(answer.Body, "signerId")}, hash {Field(answer.Body, "hash")}"),
            202 => Fail(answer, $"HTTP 202: snapshot {_snapshotId} is {status} ({Field(answer.Body, "reason")}): {Field(answer.Body, "message")} " + (status == "on_hold"
                ? "Signing is held by an operator: docs/runbooks/hold-and-read-only.md."
                : "The signer is failing: docs/runbooks/signer-outage.md, docs/runbooks/snapshot-creation-failure.md.")),
            _ => Fail(answer, Problem(answer, "201")),
        };
    }

    /// <summary>The canary marker, in every item's metadata: <c>{"canary":true,"run":…,"source":"reasoning-graph smoke"}</c>.</summary>
    private JsonObject Marker() => new() { ["canary"] = true, ["run"] = _run.ToString(), ["source"] = "reasoning-graph smoke" };

    /// <summary>What the Kernel sends as <c>auditEventId</c> (its own audit event for the write), marked as a canary's.</summary>
    private static string AuditReference(Guid item) => "canary-smoke:" + item;

    private static Outcome Pass(SmokeAnswer answer, string detail) => new(answer.Status, true, detail);

    private static Outcome Fail(SmokeAnswer answer, string detail) => new(answer.Status, false, detail);

    private static List<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];

    private static string Field(JsonElement element, string name) => SmokeAnswer.Text(element, name);

    private sealed record Outcome(int? Status, bool Ok, string Detail);
}
