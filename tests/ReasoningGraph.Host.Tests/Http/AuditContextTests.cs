using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// What the service writes into the audit chain on PostgreSQL: the trace id of the Kernel's W3C <c>traceparent</c>
/// in the payload of every event of that request, and <c>AUDIT_SIGNER_KID</c> as the signer of audit events while
/// snapshots keep <c>SIGNER_ID</c>; the chain verifies against a registry holding both ids.
/// </summary>
public sealed class AuditContextTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-audit-context-");
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate(allowExport: true);

    public void Dispose()
    {
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Traceparent_TraceIdIsInTheAuditPayloads_AndAuditSignerKidSignsThem()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        string graphId = TestDatabase.NewGraphId();
        string keyFile = Path.Combine(_directory.FullName, "signing.key");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8Pem());
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = _directory.FullName,
            ["DATABASE_URL"] = connection,
            ["GRAPH_ID"] = graphId,
            ["SIGNING_KEY_PATH"] = keyFile,
            ["SIGNER_ID"] = "snapshots-2026",
            ["AUDIT_SIGNER_KID"] = "audit-2026",
            ["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0",
        });
        using var client = host.Client(devPrincipal: "kernel");
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString();

        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/reason/nodes", UriKind.Relative)))
        {
            request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            request.Content = JsonContent.Create(new { nodes = new[] { HostApi.Node("score", a), HostApi.Node("decision", b) } });
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var (untraced, _) = await HostApi.PostAsync(client, "/reason/edge", new { from = a, to = b, type = "causal" });
        var (snapshotted, snapshot) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { b } });
        Assert.Equal(HttpStatusCode.Created, untraced);
        Assert.Equal(HttpStatusCode.Created, snapshotted);
        Assert.Equal("snapshots-2026", snapshot.GetProperty("signerId").GetString());

        var events = await TestDatabase.AuditEventsAsync(connection, graphId);
        var payloads = events.ToDictionary(e => Payload(e).GetProperty("entityId").GetString()!, Payload);
        Assert.Equal(traceId, payloads[a].GetProperty("traceId").GetString());
        Assert.Equal(traceId, payloads[b].GetProperty("traceId").GetString());
        // A request without traceparent gets the service's own trace id (a fresh one), never the Kernel's.
        var edgePayload = payloads.Values.Single(p => p.GetProperty("eventType").GetString() == "reason.edge.created");
        Assert.Matches("^[0-9a-f]{32}$", edgePayload.GetProperty("traceId").GetString());
        Assert.NotEqual(traceId, edgePayload.GetProperty("traceId").GetString());
        Assert.All(events, e => Assert.Equal("audit-2026", e.SignerId));

        var registry = new SignerRegistry([RegisteredSigner.ForEd25519("audit-2026", _key.PublicKey), RegisteredSigner.ForEd25519("snapshots-2026", _key.PublicKey)]);
        await using var store = new PostgresGraphStore(new PostgresStoreOptions { ConnectionString = connection, GraphId = graphId });
        var verdict = await store.VerifyAuditChainAsync(registry);
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public async Task AuditSignerKid_WithASigningProxy_AsksTheProxyForThatKey()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        string graphId = TestDatabase.NewGraphId();
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = _directory.FullName,
            ["DATABASE_URL"] = connection,
            ["GRAPH_ID"] = graphId,
            ["SIGNING_PROXY_URL"] = proxy.Url.ToString(),
            ["SIGNING_PROXY_KEY_ID"] = SwitchableSigningProxy.SignerId,
            ["AUDIT_SIGNER_KID"] = "audit-kms-key",
            ["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0",
        });
        using var client = host.Client(devPrincipal: "kernel");

        var (written, node) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("score"));
        Assert.True(written == HttpStatusCode.Created, node.ToString());
        var (snapshotted, snapshot) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { node.GetProperty("nodeId").GetString() } });

        Assert.True(snapshotted == HttpStatusCode.Created, snapshot.ToString());
        Assert.Equal(SwitchableSigningProxy.SignerId, snapshot.GetProperty("signerId").GetString());
        var events = await TestDatabase.AuditEventsAsync(connection, graphId);
        Assert.All(events, e => Assert.Equal("audit-kms-key", e.SignerId));
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519("audit-kms-key", proxy.Key.PublicKey)]);
        await using var store = new PostgresGraphStore(new PostgresStoreOptions { ConnectionString = connection, GraphId = graphId });
        var verdict = await store.VerifyAuditChainAsync(registry);
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public void AuditSignerKid_WithoutASigner_RefusesToStart()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => ReasoningGraph.Host.Serving.ServiceHost.Build(
            ["--environment=Production", "--STORE=embedded", "--AUDIT_SIGNER_KID=audit-2026", "--DATA_DIR=" + _directory.FullName]));
        Assert.Contains("AUDIT_SIGNER_KID", error.Message, StringComparison.Ordinal);
    }

    private static JsonElement Payload(ReasoningGraph.Audit.AuditEvent auditEvent) => JsonDocument.Parse(auditEvent.Payload).RootElement.Clone();
}
