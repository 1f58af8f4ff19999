using System.Net;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The service on PostgreSQL (DATABASE_URL): the Go flow with the Kernel's audit refs. Needs REASONING_GRAPH_TEST_DATABASE_URL
/// (scripts/test.sh starts a server and sets it); without it the test does nothing locally and fails in CI.
/// </summary>
public sealed class PostgresApiTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-pg-api-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task OnPostgres_AtoBtoC_CausalTraceIsOrderedAndCarriesAuditRefs()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        // A fresh graph id keeps this test's items apart from everything else in the shared database.
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATABASE_URL"] = connection,
            ["DATA_DIR"] = _data.FullName,
        });
        using var client = host.Client(devPrincipal: "kernel");
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString(), c = Guid.NewGuid().ToString();

        // The Kernel passes the id of its own audit event with each item; the trace hands it back as auditRef.
        var nodes = new[] { (a, "score"), (b, "recommendation"), (c, "decision") }
            .Select(n => new { id = n.Item1, type = n.Item2, author = "kernel", payload = new { step = n.Item2 }, auditEventId = "audit-" + n.Item1 });
        var (written, _) = await HostApi.PostAsync(client, "/reason/nodes", new { nodes });
        await HostApi.PostAsync(client, "/reason/edges", new { edges = new[] { new { from = a, to = b, type = "causal", auditEventId = "audit-ab" }, new { from = b, to = c, type = "causal", auditEventId = "audit-bc" } } });
        var (status, trace) = await HostApi.GetAsync(client, $"/reason/traces/{c}");
        var (readyStatus, ready) = await HostApi.GetAsync(client, "/ready");

        Assert.Equal(HttpStatusCode.Created, written);
        Assert.Equal(HttpStatusCode.OK, status);
        var path = trace.GetProperty("ordered_path").EnumerateArray().ToList();
        Assert.Equal([a, b, c], path.Where(e => e.GetProperty("type").GetString() == "node").Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(
            ["audit-" + a, "audit-ab", "audit-" + b, "audit-bc", "audit-" + c],
            path.Select(e => e.GetProperty("auditRef").GetProperty("eventId").GetString()));
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("ok", ready.GetProperty("store").GetString());
    }
}
