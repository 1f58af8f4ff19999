using System.Net;
using System.Net.Http.Json;
using ReasoningGraph.Host.Tests.Support;
using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The OpenAPI document the host serves at <c>/openapi/v1.json</c>: every mapped route is an operation with a typed
/// answer and its security, the parameters read by hand are described, and real answers have exactly the members the
/// document gives them (so the hand-written answers and their descriptions cannot drift apart).
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-openapi-doc-");
    private RunningHost _host = null!;
    private HttpClient _client = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = _data.FullName,
        });
        _client = _host.Client(devPrincipal: "tester");
        _document = await DocumentAsync(_client);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public void EveryMappedRoute_IsAnOperation_WithATypedAnswer_ErrorEnvelopes_AndItsSecurity()
    {
        var problems = OpenApiDocumentCheck.Problems(_document, _host.Services);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task TheDocument_IsBuiltOnce_AndServedFromTheCacheAfterwards()
    {
        // Building it takes tens of milliseconds and the route needs no credential: a second anonymous request is a
        // cached copy. (An authenticated caller's request is answered fresh: the output cache's default policy.)
        using var anonymous = _host.Client();
        using var first = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var again = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(again.Headers.Age is not null, "the second answer did not come from the output cache (no Age header)");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public void SecuritySchemes_AreAClientCertificate_AndAKernelJwt()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("mutualTLS", schemes.GetProperty("mutualTLS").GetProperty("type").GetString());
        var bearer = schemes.GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
        var open = Assert.Single(Operation("getHealth").GetProperty("security").EnumerateArray());
        Assert.Empty(open.EnumerateObject()); // no credential
        Assert.All(Operation("getNode").GetProperty("security").EnumerateArray(), requirement => Assert.NotEmpty(requirement.EnumerateObject())); // ALLOW_ANONYMOUS_READS is off
        Assert.Equal("integer", Operation("appendNode").GetProperty("responses").GetProperty("429").GetProperty("headers").GetProperty("Retry-After").GetProperty("schema").GetProperty("type").GetString());
        Assert.True(Operation("createSnapshot").GetProperty("responses").GetProperty("202").GetProperty("headers").TryGetProperty("Location", out _));
    }

    /// <summary>A trace entry reads its id, types and time from its item; the document still marks them required.</summary>
    [Fact]
    public void TraceEntry_RequiresEveryMemberItAlwaysWrites()
    {
        var required = Component("CausalTraceEntry").GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["id", "type", "entityType", "timestamp", "causalIndex", "parentIds", "annotations"], StringComparer.Ordinal), required);
    }

    [Fact]
    public void ParametersReadByHand_AreTyped()
    {
        var walk = Parameters("walkTrace");
        Assert.Equal(["ancestors", "descendants"], walk["direction"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("integer", walk["depth"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("number", walk["minWeight"].GetProperty("schema").GetProperty("type").GetString());
        Assert.False(walk["cursor"].TryGetProperty("required", out var optional) && optional.GetBoolean());
        Assert.Equal("uuid", walk["id"].GetProperty("schema").GetProperty("format").GetString());

        var inclusion = Parameters("getLogInclusion");
        Assert.True(inclusion["index"].GetProperty("required").GetBoolean());
        Assert.True(inclusion["treeSize"].GetProperty("required").GetBoolean());
        Assert.Equal(["json", "canonical", "human"], Parameters("exportNode")["format"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("header", Parameters("createSnapshot")["Idempotency-Key"].GetProperty("in").GetString());

        Assert.Equal(
            ["admin", "annotations", "edges", "explanations", "export", "log", "nodes", "probes", "query", "snapshots", "traces"],
            _document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Union(["admin"]).Order(StringComparer.Ordinal));
        Assert.Equal("log", Operation("getNodeInclusion").GetProperty("tags")[0].GetString());

        var codes = Component("ErrorBody").GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Contains("INVALID_PAYLOAD", codes);
        Assert.Contains("INTERNAL_ERROR", codes);
        Assert.False(Component("NodeInput").GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public async Task RealAnswers_HaveExactlyTheDocumentedMembers()
    {
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString();
        var node = new { id = a, type = "observation", author = "kernel", payload = new { note = "a" } };
        await Answer("appendNode", 201, await HostApi.PostAsync(_client, "/reason/node", node));
        await Answer("appendNode", 200, await HostApi.PostAsync(_client, "/reason/node", node));
        await Answer("appendNodes", 201, await HostApi.PostAsync(_client, "/reason/nodes", new { nodes = new[] { HostApi.Node("decision", b) } }));
        await Answer("appendEdge", 201, await HostApi.PostAsync(_client, "/reason/edge", new { from = a, to = b, type = "causal", weight = 0.5 }));
        await Answer("appendEdges", 201, await HostApi.PostAsync(_client, "/reason/edges", new { edges = new[] { new { from = b, to = a, type = "supports" } } }));
        var annotated = await Answer("annotateNode", 201, await HostApi.PostAsync(_client, $"/reason/node/{b}/annotations", new { annotationType = "note", author = "kernel", payload = new { text = "x" } }));
        Members("ReasoningAnnotation", annotated.GetProperty("annotation"));

        var neighborhood = await Answer("getNode", 200, await HostApi.GetAsync(_client, $"/reason/node/{a}"));
        Members("ReasoningNode", neighborhood.GetProperty("node"));
        Members("ReasoningEdge", neighborhood.GetProperty("outgoing")[0]);
        var walk = await Answer("walkTrace", 200, await HostApi.GetAsync(_client, $"/reason/trace/{a}?direction=descendants&depth=3"));
        Members("TraceStep", walk.GetProperty("steps")[0]);
        Members("WalkedEdge", walk.GetProperty("edges")[0]);
        var trace = await Answer("getCausalTrace", 200, await HostApi.GetAsync(_client, $"/reason/traces/{b}"));
        Members("CausalTraceMetadata", trace.GetProperty("metadata"));
        foreach (var entry in trace.GetProperty("ordered_path").EnumerateArray())
        {
            Members("CausalTraceEntry", entry);
        }

        await Answer("explainNode", 200, await HostApi.GetAsync(_client, $"/reason/node/{b}/explain"));
        await Answer("explainTrace", 200, await HostApi.GetAsync(_client, $"/reason/trace/{b}/explain"));
        await Answer("queryNodes", 200, await HostApi.PostAsync(_client, "/reason/query", new { types = new[] { "decision" } }));
        var export = await Answer("exportNode", 200, await HostApi.GetAsync(_client, $"/reason/export/{b}"));
        Members("NodeExportDocument", export.GetProperty("export"));
        var snapshot = await Answer("createSnapshot", 201, await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { b } }));
        string snapshotId = snapshot.GetProperty("snapshotId").GetString()!;
        await Answer("getSnapshot", 200, await HostApi.GetAsync(_client, $"/reason/snapshot/{snapshotId}"));
        var human = await Answer("getSnapshot", 200, await HostApi.GetAsync(_client, $"/reason/snapshot/{snapshotId}?format=human"));
        Members("SnapshotSummary", human.GetProperty("human"));
        Members("SnapshotSummaryEntry", human.GetProperty("human").GetProperty("summary")[0]);
        await Answer("getLogVerifierKey", 200, await HostApi.GetAsync(_client, "/reason/log/verifier-key"));
        await Answer("getLogInclusion", 200, await HostApi.GetAsync(_client, "/reason/log/inclusion?index=0&treeSize=2"));
        await Answer("getNodeInclusion", 200, await HostApi.GetAsync(_client, $"/reason/node/{a}/inclusion?treeSize=3"));
        await Answer("getLogConsistency", 200, await HostApi.GetAsync(_client, "/reason/log/consistency?from=1&to=2"));
        await Answer("getHealth", 200, await HostApi.GetAsync(_client, "/health"));
        await Answer("getReady", 200, await HostApi.GetAsync(_client, "/ready"));

        var missing = await Answer("getNode", 404, await HostApi.GetAsync(_client, $"/reason/node/{Guid.NewGuid()}"));
        Members("ErrorBody", missing.GetProperty("error"));
        await Answer("appendEdge", 400, await HostApi.PostAsync(_client, "/reason/edge", new { from = a, to = b, type = "causal", kind = "edge" }));
        using (var anonymous = _host.Client())
        {
            await Answer("getCausalTrace", 401, await HostApi.GetAsync(anonymous, $"/reason/traces/{b}"));
        }
    }

    [Fact]
    public async Task OnPostgres_TheOperatorSwitches_AreOperationsToo()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATABASE_URL"] = database.ConnectionString,
            ["DATA_DIR"] = _data.CreateSubdirectory("postgres").FullName,
        });
        using var client = host.Client(devPrincipal: "operator:ana");
        _document = await DocumentAsync(client); // this test's own: the switches are mapped only on PostgreSQL

        var problems = OpenApiDocumentCheck.Problems(_document, host.Services);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(["signing-hold", "read-only"], Parameters("setControl")["control"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("admin", Operation("getControls").GetProperty("security")[1].GetProperty("bearer")[0].GetString());
        await Answer("getControls", 200, await HostApi.GetAsync(client, "/admin/controls"));
        using var put = await client.PutAsJsonAsync(new Uri("/admin/controls/read-only", UriKind.Relative), new { enabled = false });
        var body = await HostApi.ReadAsync(put);
        await Answer("setControl", 200, (put.StatusCode, body));
    }

    private static async Task<JsonElement> DocumentAsync(HttpClient client)
    {
        var (status, document) = await HostApi.GetAsync(client, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        return document;
    }

    /// <summary>Checks <paramref name="answer"/> against the operation's documented answer for its status; returns its body.</summary>
    private Task<JsonElement> Answer(string operationId, int status, (HttpStatusCode Status, JsonElement Body) answer)
    {
        Assert.Equal(status, (int)answer.Status);
        var schema = Operation(operationId).GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Compare($"{operationId} {status}", schema, answer.Body);
        return Task.FromResult(answer.Body);
    }

    private void Members(string component, JsonElement value) => Compare(component, Component(component), value);

    /// <summary>Every required member is there, and every member there is documented.</summary>
    private void Compare(string what, JsonElement schema, JsonElement value)
    {
        var (properties, required) = Resolve(schema);
        var members = value.EnumerateObject().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(required.IsSubsetOf(members), $"{what}: required but missing: {string.Join(", ", required.Except(members))}");
        Assert.True(members.IsSubsetOf(properties), $"{what}: answered but not documented: {string.Join(", ", members.Except(properties))}");
    }

    /// <summary>The members and required members of a schema, through <c>$ref</c>, <c>allOf</c> and the first of <c>anyOf</c>.</summary>
    private (HashSet<string> Properties, HashSet<string> Required) Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(Component(reference.GetString()!["#/components/schemas/".Length..]));
        }

        var properties = new HashSet<string>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in schema.TryGetProperty("allOf", out var all) ? all.EnumerateArray().ToList()
                     : schema.TryGetProperty("anyOf", out var any) ? [any[0]] : [])
        {
            var (p, r) = Resolve(part);
            properties.UnionWith(p);
            required.UnionWith(r);
        }

        if (schema.TryGetProperty("properties", out var own))
        {
            properties.UnionWith(own.EnumerateObject().Select(p => p.Name));
        }

        if (schema.TryGetProperty("required", out var needed))
        {
            required.UnionWith(needed.EnumerateArray().Select(r => r.GetString()!));
        }

        return (properties, required);
    }

    private JsonElement Component(string name) => _document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private JsonElement Operation(string operationId) =>
        _document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject())
            .Single(operation => operation.Value.TryGetProperty("operationId", out var id) && id.GetString() == operationId).Value;

    private Dictionary<string, JsonElement> Parameters(string operationId) =>
        Operation(operationId).GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, StringComparer.Ordinal);
}
