using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ReasoningGraph.Host.Policy;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// Writes through the SentinelNet client (SENTINELNET_URL) against a real policy service on loopback: a denial is
/// FORBIDDEN, writes nothing of the write and records a policyCheck node (with its audit event on PostgreSQL); a
/// timeout, a 5xx or a garbage answer fail closed.
/// </summary>
public sealed class SentinelNetPolicyTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-sentinelnet-");
    private FakeSentinelNet _sentinel = null!;

    public async Task InitializeAsync() => _sentinel = await FakeSentinelNet.StartAsync();

    public async Task DisposeAsync()
    {
        await _sentinel.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Denied_IsForbidden_WritesNothingOfIt_AndRecordsAPolicyCheckNode()
    {
        await using var host = await StartAsync();
        using var client = host.Client(devPrincipal: "kernel");
        string denied = Guid.NewGuid().ToString();
        _sentinel.Mode = "deny";

        var (status, body) = await HostApi.PostAsync(client, "/reason/node", new { id = denied, type = "action", author = "kernel", payload = new { deploy = "model-7" } });
        var (missing, _) = await HostApi.GetAsync(client, $"/reason/node/{denied}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", HostApi.ErrorCode(body));
        var details = body.GetProperty("error").GetProperty("details");
        Assert.Equal(FakeSentinelNet.PolicyId, details.GetProperty("policyId").GetString());
        Assert.Equal(FakeSentinelNet.Rationale, details.GetProperty("rationale").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing);

        var (found, record) = await HostApi.GetAsync(client, $"/reason/node/{details.GetProperty("policyCheckId").GetString()}");
        Assert.Equal(HttpStatusCode.OK, found);
        var node = record.GetProperty("node");
        Assert.Equal("policyCheck", node.GetProperty("type").GetString());
        Assert.Equal("policy:" + FakeSentinelNet.PolicyId, node.GetProperty("author").GetString());
        var payload = node.GetProperty("payload");
        Assert.Equal("deny", payload.GetProperty("decision").GetString());
        Assert.Equal(FakeSentinelNet.Rationale, payload.GetProperty("rationale").GetString());
        Assert.Equal(denied, payload.GetProperty("denied")[0].GetProperty("id").GetString());

        // What SentinelNet was asked: the item (with its payload) and who asked.
        var asked = Assert.Single(_sentinel.Requests);
        Assert.Equal("reason.write", asked.GetProperty("action").GetString());
        Assert.Equal("kernel", asked.GetProperty("principal").GetProperty("name").GetString());
        var item = Assert.Single(asked.GetProperty("items").EnumerateArray());
        Assert.Equal(denied, item.GetProperty("id").GetString());
        Assert.Equal("model-7", item.GetProperty("payload").GetProperty("deploy").GetString());
    }

    [Fact]
    public async Task Allowed_IsWritten()
    {
        await using var host = await StartAsync();
        using var client = host.Client(devPrincipal: "kernel");
        _sentinel.Mode = "allow";

        var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("score"));
        var (found, _) = await HostApi.GetAsync(client, $"/reason/node/{body.GetProperty("nodeId").GetString()}");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.OK, found);
    }

    [Theory]
    [InlineData("slow")]
    [InlineData("error")]
    [InlineData("garbage")]
    public async Task Unavailable_FailsClosed_AndTheRefusalIsRecorded(string mode)
    {
        await using var host = await StartAsync(timeoutSeconds: "0.5");
        using var client = host.Client(devPrincipal: "kernel");
        _sentinel.Mode = mode;
        string refused = Guid.NewGuid().ToString();

        var clock = Stopwatch.StartNew();
        var (status, body) = await HostApi.PostAsync(client, "/reason/node", new { id = refused, type = "score", author = "kernel", payload = new { value = 1 } });
        clock.Stop();
        var (missing, _) = await HostApi.GetAsync(client, $"/reason/node/{refused}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var details = body.GetProperty("error").GetProperty("details");
        Assert.Equal(SentinelNetWritePolicy.UnavailablePolicyId, details.GetProperty("policyId").GetString());
        Assert.Contains("fail closed", details.GetProperty("rationale").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        var (found, record) = await HostApi.GetAsync(client, $"/reason/node/{details.GetProperty("policyCheckId").GetString()}");
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal("policy:" + SentinelNetWritePolicy.UnavailablePolicyId, record.GetProperty("node").GetProperty("author").GetString());
        // SENTINELNET_TIMEOUT bounds the whole evaluation, retries included (generous slack for a busy machine).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the refusal took {clock.Elapsed}");
    }

    [Fact]
    public async Task Unavailable_IsCountedOnEveryRefusal()
    {
        await using var host = await StartAsync(timeoutSeconds: "0.5");
        using var client = host.Client(devPrincipal: "kernel");
        _sentinel.Mode = "error";
        double before = await ErrorsAsync(client);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await HostApi.PostAsync(client, "/reason/node", new { type = "score", author = "kernel", payload = new { value = i } })).Status);
        }

        // The exporter caches a scrape for a moment; other hosts of this test run may add to the same series.
        var clock = Stopwatch.StartNew();
        while (await ErrorsAsync(client) < before + 3)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "reasoning_graph_host_sentinelnet_errors_total did not count the refusals");
            await Task.Delay(200);
        }
    }

    private static async Task<double> ErrorsAsync(HttpClient client)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), @"(?m)^reasoning_graph_host_sentinelnet_errors_total(?:\{[^}]*\})? (\S+)");
        Assert.True(match.Success, "the counter is exported from start-up");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task OnPostgres_TheDenialsPolicyCheckHasItsAuditEvent_AndTheDeniedItemHasNone()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        string graphId = TestDatabase.NewGraphId();
        await using var host = await StartAsync(database: connection, graphId: graphId);
        using var client = host.Client(devPrincipal: "kernel");
        _sentinel.Mode = "deny";
        string denied = Guid.NewGuid().ToString();

        var (status, body) = await HostApi.PostAsync(client, "/reason/nodes", new { nodes = new[] { new { id = denied, type = "action", author = "kernel", payload = new { deploy = "model-7" } } } });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        string policyCheckId = body.GetProperty("error").GetProperty("details").GetProperty("policyCheckId").GetString()!;
        var events = await TestDatabase.AuditEventsAsync(connection, graphId);
        var recorded = Assert.Single(events);
        using var payload = JsonDocument.Parse(recorded.Payload);
        Assert.Equal(policyCheckId, payload.RootElement.GetProperty("entityId").GetString());
        Assert.Equal("reason.node.created", payload.RootElement.GetProperty("eventType").GetString());
        Assert.Equal("policy:" + FakeSentinelNet.PolicyId, payload.RootElement.GetProperty("actor").GetString());
    }

    [Theory]
    [InlineData("not a url", null)]
    [InlineData("ftp://policy.example", null)]
    [InlineData("http://policy.example", "0")]
    [InlineData("http://policy.example", "soon")]
    public void BadSettings_RefuseToStart(string url, string? timeout)
    {
        var settings = new Dictionary<string, string> { ["SENTINELNET_URL"] = url, ["DATA_DIR"] = _directory.FullName };
        if (timeout is not null)
        {
            settings["SENTINELNET_TIMEOUT"] = timeout;
        }

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => ReasoningGraph.Host.Serving.ServiceHost.Build([.. settings.Select(s => $"--{s.Key}={s.Value}")]));
        Assert.Contains("SENTINELNET_", error.Message, StringComparison.Ordinal);
    }

    private Task<RunningHost> StartAsync(string timeoutSeconds = "2", string? database = null, string? graphId = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N")),
            ["SENTINELNET_URL"] = _sentinel.Url.ToString(),
            ["SENTINELNET_TIMEOUT"] = timeoutSeconds,
        };
        if (database is not null)
        {
            settings["DATABASE_URL"] = database;
            settings["GRAPH_ID"] = graphId!;
        }

        return RunningHost.StartAsync(settings);
    }
}
