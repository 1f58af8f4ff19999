using System.Net;
using System.Text;
using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>The /reason API over real HTTP on loopback, as a development principal (authentication is covered by <see cref="AuthTests"/>).</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-api-");
    private RunningHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = _data.FullName,
            ["MAX_REQUEST_BODY_BYTES"] = "65536",
        });
        _client = _host.Client(devPrincipal: "tester");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task ClientIds_AtoBtoC_CausalTraceListsAThenBThenC()
    {
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString(), c = Guid.NewGuid().ToString();
        foreach (var (id, type) in new[] { (a, "observation"), (b, "recommendation"), (c, "decision") })
        {
            var (status, body) = await HostApi.PostAsync(_client, "/reason/node", HostApi.Node(type, id));
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.True(body.GetProperty("ok").GetBoolean());
            Assert.Equal(id, body.GetProperty("nodeId").GetString());
        }

        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_client, "/reason/edge", new { from = a, to = b, type = "causal" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_client, "/reason/edge", new { from = b, to = c, type = "causal" })).Status);

        var (traceStatus, trace) = await HostApi.GetAsync(_client, $"/reason/traces/{c}");

        Assert.Equal(HttpStatusCode.OK, traceStatus);
        Assert.Equal(c, trace.GetProperty("trace_id").GetString());
        var nodes = trace.GetProperty("ordered_path").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "node").Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal([a, b, c], nodes);
        Assert.False(trace.GetProperty("metadata").GetProperty("cycleDetected").GetBoolean());
    }

    [Fact]
    public async Task TwoNodeCycle_IsReportedByBothTraces()
    {
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString();
        await HostApi.PostAsync(_client, "/reason/nodes", new { nodes = new[] { HostApi.Node("hypothesis", a), HostApi.Node("hypothesis", b) } });
        var (status, _) = await HostApi.PostAsync(_client, "/reason/edges", new { edges = new[] { new { from = a, to = b, type = "supports" }, new { from = b, to = a, type = "supports" } } });
        Assert.Equal(HttpStatusCode.Created, status);

        var (_, causal) = await HostApi.GetAsync(_client, $"/reason/traces/{b}");
        var (_, walk) = await HostApi.GetAsync(_client, $"/reason/trace/{a}?direction=descendants&depth=5");

        var metadata = causal.GetProperty("metadata");
        Assert.True(metadata.GetProperty("cycleDetected").GetBoolean());
        Assert.Equal(new[] { a, b }.Order(), metadata.GetProperty("cycleNodes").EnumerateArray().Select(n => n.GetString()!).Order());
        Assert.True(walk.GetProperty("cycleDetected").GetBoolean());
        Assert.Equal(a, walk.GetProperty("startNodeId").GetString());
    }

    [Fact]
    public async Task TraceSteps_CarryTheirIncomingAndOutgoingEdges_AndWhetherAnEdgeFromThemRevisited()
    {
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString(), c = Guid.NewGuid().ToString();
        await HostApi.PostAsync(_client, "/reason/nodes", new { nodes = new[] { HostApi.Node("hypothesis", a), HostApi.Node("hypothesis", b), HostApi.Node("hypothesis", c) } });
        await HostApi.PostAsync(_client, "/reason/edges", new
        {
            edges = new[] { new { from = a, to = b, type = "supports" }, new { from = b, to = a, type = "supports" }, new { from = a, to = c, type = "supports" } },
        });

        var (_, walk) = await HostApi.GetAsync(_client, $"/reason/trace/{a}?direction=descendants&depth=5");

        var steps = walk.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("node").GetProperty("id").GetString()!);
        static string[] Ends(JsonElement step, string list) =>
            step.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("from").GetString() + ">" + e.GetProperty("to").GetString()).Order().ToArray();
        Assert.Equal([b + ">" + a], Ends(steps[a], "incoming"));
        Assert.Equal(new[] { a + ">" + b, a + ">" + c }.Order(), Ends(steps[a], "outgoing"));
        Assert.Equal([a + ">" + b], Ends(steps[b], "incoming"));
        Assert.Equal([b + ">" + a], Ends(steps[b], "outgoing"));
        Assert.Equal([a + ">" + c], Ends(steps[c], "incoming"));
        Assert.Empty(Ends(steps[c], "outgoing"));
        Assert.False(steps[a].GetProperty("cycleDetected").GetBoolean());
        Assert.True(steps[b].GetProperty("cycleDetected").GetBoolean()); // b -> a went back to a visited node
        Assert.False(steps[c].GetProperty("cycleDetected").GetBoolean());
        Assert.Equal(steps.Keys, walk.GetProperty("visited").EnumerateArray().Select(v => v.GetString()!));
    }

    [Fact]
    public async Task TracePages_FollowNextCursor_AndATamperedCursorIsRefused()
    {
        string root = Guid.NewGuid().ToString();
        var children = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        await HostApi.PostAsync(_client, "/reason/nodes", new { nodes = children.Prepend(root).Select(id => HostApi.Node("observation", id)).ToArray() });
        await HostApi.PostAsync(_client, "/reason/edges", new { edges = children.Select(c => new { from = root, to = c, type = "causal" }).ToArray() });

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            string query = $"/reason/trace/{root}?direction=descendants&pageSize=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var (status, page) = await HostApi.GetAsync(_client, query);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("node").GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(children.Prepend(root).Order(), seen.Order());
        var (_, first) = await HostApi.GetAsync(_client, $"/reason/trace/{root}?direction=descendants&pageSize=1");
        string tampered = "x" + first.GetProperty("nextCursor").GetString()![1..];
        var (badStatus, bad) = await HostApi.GetAsync(_client, $"/reason/trace/{root}?direction=descendants&pageSize=1&cursor={Uri.EscapeDataString(tampered)}");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("INVALID_CURSOR", HostApi.ErrorCode(bad));
    }

    [Fact]
    public async Task Batch_WithOneBadNode_WritesNothing()
    {
        string good = Guid.NewGuid().ToString();
        var (status, body) = await HostApi.PostAsync(_client, "/reason/nodes", new { nodes = new[] { HostApi.Node("observation", good), HostApi.Node("no-such-type") } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(body));
        Assert.Equal(HttpStatusCode.NotFound, (await HostApi.GetAsync(_client, $"/reason/node/{good}")).Status);
    }

    [Fact]
    public async Task SameId_SameContentIsAReplay_DifferentContentIsAConflict()
    {
        string id = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_client, "/reason/node", HostApi.Node("observation", id))).Status);
        Assert.Equal(HttpStatusCode.OK, (await HostApi.PostAsync(_client, "/reason/node", HostApi.Node("observation", id))).Status);
        var (status, body) = await HostApi.PostAsync(_client, "/reason/node", HostApi.Node("decision", id));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CONFLICT", HostApi.ErrorCode(body));
    }

    [Fact]
    public async Task AnnotationsExplainQueryAndNode_AnswerInTheEnvelope()
    {
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString();
        await HostApi.PostAsync(_client, "/reason/nodes", new { nodes = new[] { HostApi.Node("score", a), HostApi.Node("decision", b) }, audit_context = new { kernel_manifest_signature_id = "manifest-7" } });
        await HostApi.PostAsync(_client, "/reason/edge", new { from = a, to = b, type = "causal" });
        var (annotated, note) = await HostApi.PostAsync(_client, $"/reason/node/{b}/annotations", new { annotationType = "note", author = "auditor", payload = new { text = "checked" } });
        var (aliased, _) = await HostApi.PostAsync(_client, $"/reason/annotate/{b}", new { annotationType = "correction", author = "auditor", payload = new { text = "fixed" } });

        Assert.Equal(HttpStatusCode.Created, annotated);
        Assert.Equal(HttpStatusCode.Created, aliased);
        Assert.Equal(b, note.GetProperty("annotation").GetProperty("targetId").GetString());

        var (_, node) = await HostApi.GetAsync(_client, $"/reason/node/{b}");
        Assert.Equal("manifest-7", node.GetProperty("node").GetProperty("manifestSignatureId").GetString());
        Assert.Single(node.GetProperty("incoming").EnumerateArray());

        var (_, explain) = await HostApi.GetAsync(_client, $"/reason/node/{b}/explain");
        Assert.Contains("decision", explain.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var (_, traceExplain) = await HostApi.GetAsync(_client, $"/reason/trace/{b}/explain");
        Assert.Equal(b, traceExplain.GetProperty("trace").GetProperty("trace_id").GetString());
        Assert.True(traceExplain.GetProperty("explanation").TryGetProperty("summary", out _));

        var (queried, page) = await HostApi.PostAsync(_client, "/reason/query", new { types = new[] { "score" } });
        Assert.Equal(HttpStatusCode.OK, queried);
        Assert.Contains(page.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetString() == a);
    }

    [Theory]
    [InlineData("/reason/node/not-a-uuid", HttpStatusCode.BadRequest, "INVALID_PAYLOAD")]
    [InlineData("/reason/node/6f1c1c33-5a4e-4c1b-9a57-3a1d2a0c0001", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("/reason/traces/6f1c1c33-5a4e-4c1b-9a57-3a1d2a0c0001", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("/reason/trace/6f1c1c33-5a4e-4c1b-9a57-3a1d2a0c0001?direction=sideways", HttpStatusCode.BadRequest, "INVALID_PAYLOAD")]
    [InlineData("/no/such/endpoint", HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task BadReads_GetTheErrorEnvelope(string path, HttpStatusCode expected, string code)
    {
        var (status, body) = await HostApi.GetAsync(_client, path);
        Assert.Equal(expected, status);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(code, HostApi.ErrorCode(body));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("error").GetProperty("details").ValueKind);
    }

    [Fact]
    public async Task MalformedAndOversizedBodies_AreRefusedAsInvalidPayload()
    {
        using var malformed = await _client.PostAsync(new Uri("/reason/node", UriKind.Relative), new StringContent("{\"type\":", Encoding.UTF8, "application/json"));
        using var huge = await _client.PostAsync(new Uri("/reason/node", UriKind.Relative), new StringContent(
            JsonSerializer.Serialize(new { type = "observation", author = "kernel", payload = new { blob = new string('x', 100_000) } }), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(await HostApi.ReadAsync(malformed)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(await HostApi.ReadAsync(huge)));
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheEndpoints()
    {
        var (status, document) = await HostApi.GetAsync(_client, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document.GetProperty("paths");
        foreach (string path in new[] { "/reason/node", "/reason/nodes", "/reason/edge", "/reason/edges", "/reason/node/{id}", "/reason/trace/{id}", "/reason/traces/{id}", "/reason/query", "/reason/annotate/{id}", "/reason/trace/{id}/explain", "/reason/export/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Fact]
    public async Task WithoutAPrincipal_ReadsAndWritesAreNotAuthorized()
    {
        using var anonymous = _host.Client();
        var (write, body) = await HostApi.PostAsync(anonymous, "/reason/node", HostApi.Node("observation"));
        Assert.Equal(HttpStatusCode.Unauthorized, write);
        Assert.Equal("NOT_AUTHORIZED", HostApi.ErrorCode(body));
        Assert.Equal(HttpStatusCode.Unauthorized, (await HostApi.GetAsync(anonymous, "/reason/traces/6f1c1c33-5a4e-4c1b-9a57-3a1d2a0c0001")).Status);
    }
}
