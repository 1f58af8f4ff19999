using System.Net;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The end-to-end promotion flow as the Kernel drives it, over real HTTPS with mutual TLS (certificates made in the
/// test) on PostgreSQL: score → recommendation → decision → policyCheck → action nodes and the edges between them,
/// written with the Kernel's ids and audit references; then the ordered trace, the explanation, a snapshot that
/// verifies offline, the export, and an audit chain that links every item and verifies.
/// </summary>
public sealed class PromotionFlowTests : IDisposable
{
    private const string SignerId = "reasoning-graph-2026";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-promotion-");
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate(allowExport: true);
    private readonly TestCertificates _pki;

    public PromotionFlowTests() => _pki = new TestCertificates(_directory);

    public void Dispose()
    {
        _pki.Dispose();
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task KernelPromotionFlow_OverMutualTls_IsOrderedExplainedSnapshottedAndAudited()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        string graphId = TestDatabase.NewGraphId();
        string keyFile = Path.Combine(_directory.FullName, "signing.key");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8Pem());
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519(SignerId, _key.PublicKey)]);
        await using var host = await RunningHost.StartAsync(
            new Dictionary<string, string>(_pki.ProductionMtlsSettings())
            {
                ["DATABASE_URL"] = connection,
                ["STORE"] = "postgres",
                ["MIGRATE_ON_START"] = "true",
                ["GRAPH_ID"] = graphId,
                ["SIGNING_KEY_PATH"] = keyFile,
                ["SIGNER_ID"] = SignerId,
                ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
                ["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0",
            },
            _pki.Server);
        using var kernel = host.Client(_pki.Client("kernel"));

        // The Kernel's own ids for every item, and the ids of its audit events for them.
        string[] types = ["score", "recommendation", "decision", "policyCheck", "action"];
        var nodes = types.Select(t => (Id: Guid.NewGuid().ToString(), Type: t)).ToList();
        var edges = nodes.Zip(nodes.Skip(1), (from, to) => (Id: Guid.NewGuid().ToString(), From: from.Id, To: to.Id)).ToList();
        foreach (var (id, type) in nodes)
        {
            var (status, _) = await HostApi.PostAsync(kernel, "/reason/node", new
            {
                id, type, author = "kernel", payload = new { summary = type + " for model-7 promotion" }, auditEventId = "kernel-audit-" + id,
                metadata = new { confidence = 0.9 }, manifestSignatureId = "manifest-42",
            });
            Assert.Equal(HttpStatusCode.Created, status);
        }

        foreach (var (id, from, to) in edges)
        {
            var (status, _) = await HostApi.PostAsync(kernel, "/reason/edge", new { id, from, to, type = "causal", auditEventId = "kernel-audit-" + id });
            Assert.Equal(HttpStatusCode.Created, status);
        }

        string action = nodes[^1].Id;
        string[] expectedOrder = [.. nodes.Zip(edges.Select(e => e.Id).Append(null)).SelectMany(p => new[] { p.First.Id, p.Second }).OfType<string>()];

        // The ordered trace: score, its edge, recommendation, … action, each with the Kernel's audit reference.
        var (traceStatus, trace) = await HostApi.GetAsync(kernel, $"/reason/traces/{action}");
        Assert.Equal(HttpStatusCode.OK, traceStatus);
        var path = trace.GetProperty("ordered_path").EnumerateArray().ToList();
        Assert.Equal(expectedOrder, path.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(expectedOrder.Select(id => "kernel-audit-" + id), path.Select(e => e.GetProperty("auditRef").GetProperty("eventId").GetString()));
        Assert.False(trace.GetProperty("metadata").GetProperty("cycleDetected").GetBoolean());

        // The explanation names every step and cites every audit reference.
        var (explainStatus, explanation) = await HostApi.GetAsync(kernel, $"/reason/node/{action}/explain");
        Assert.Equal(HttpStatusCode.OK, explainStatus);
        Assert.Equal(types, explanation.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()!.Split(' ')[0]));
        Assert.Equal(expectedOrder.Select(id => "kernel-audit-" + id).Order(), explanation.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("audit_ref").GetString()!).Order());

        // A snapshot of the action that verifies offline, with the signer registry only.
        var (createdStatus, created) = await HostApi.PostAsync(kernel, "/reason/snapshot", new { rootNodeIds = new[] { action }, depth = 8, requestId = "promotion-" + action });
        Assert.Equal(HttpStatusCode.Created, createdStatus);
        string snapshotId = created.GetProperty("snapshotId").GetString()!;
        using var fetched = await kernel.GetAsync(new Uri($"/reason/snapshot/{snapshotId}", UriKind.Relative));
        using var envelope = JsonDocument.Parse(await fetched.Content.ReadAsByteArrayAsync());
        byte[] document = Encoding.UTF8.GetBytes(envelope.RootElement.GetProperty("snapshot").GetRawText());
        var verified = new SnapshotVerifier(registry).Verify(document);
        Assert.True(verified.IsVerified, verified.Message);
        Assert.All(nodes, n => Assert.Contains(n.Id, Encoding.UTF8.GetString(document), StringComparison.Ordinal));

        // The export shows that snapshot's verification data.
        var (exportStatus, export) = await HostApi.GetAsync(kernel, $"/reason/export/{action}");
        Assert.Equal(HttpStatusCode.OK, exportStatus);
        Assert.Equal(created.GetProperty("hash").GetString(), export.GetProperty("export").GetProperty("snapshot").GetProperty("hash").GetString());

        // The service's own audit chain: one event per item and one for the snapshot, all by the Kernel's client
        // certificate's writes (actor = author), chained and signed so that the whole chain verifies.
        var events = await TestDatabase.AuditEventsAsync(connection, graphId);
        var byEntity = events.GroupBy(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("entityId").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(expectedOrder, id => Assert.Single(byEntity[id]));
        Assert.Equal("reason.snapshot.created", Assert.Single(byEntity[snapshotId]).EventType);
        Assert.Equal(expectedOrder.Length + 1, events.Count);
        await using var store = new PostgresGraphStore(new PostgresStoreOptions { ConnectionString = connection, GraphId = graphId });
        var chain = await store.VerifyAuditChainAsync(registry);
        Assert.True(chain.IsValid, chain.Message);
    }
}
