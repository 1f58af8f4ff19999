using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// Arbitrary write bodies, trace parameters and query bodies over real HTTP: the service never fails unexpectedly
/// (no 500), always answers in the envelope with a stable code, and an accepted node can be read back.
/// </summary>
public sealed class RequestFuzzTests(RequestFuzzTests.HostFixture fixture) : IClassFixture<RequestFuzzTests.HostFixture>
{
    private static readonly string[] KnownCodes = ["INVALID_PAYLOAD", "CONFLICT", "CANONICALIZATION_ERROR", "NOT_FOUND"];

    [Property(Arbitrary = [typeof(Bodies)], MaxTest = 150)]
    public bool AnyNodeBody_GetsAnEnvelopeAndNeverA500(NodeBody body) => CheckAsync("/reason/node", body.Json).GetAwaiter().GetResult();

    [Property(MaxTest = 60)]
    public bool AnyText_GetsAnEnvelopeAndNeverA500(NonNull<string> text) => CheckAsync("/reason/edge", text.Get).GetAwaiter().GetResult();

    [Property(Arbitrary = [typeof(Bodies)], MaxTest = 100)]
    public bool AnyTraceQuery_GetsAnEnvelopeAndNeverA500(TraceQuery query) => ReadAsync(
        $"/reason/trace/{fixture.Root}?{query.Text}").GetAwaiter().GetResult();

    [Property(Arbitrary = [typeof(Bodies)], MaxTest = 100)]
    public bool AnyQueryBody_GetsAnEnvelopeAndNeverA500(QueryBody body)
    {
        using var response = fixture.Client.PostAsync(new Uri("/reason/query", UriKind.Relative), new StringContent(body.Json, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        return IsEnvelope(response, HostApi.ReadAsync(response).GetAwaiter().GetResult());
    }

    private async Task<bool> ReadAsync(string path)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative));
        return IsEnvelope(response, await HostApi.ReadAsync(response));
    }

    private static bool IsEnvelope(HttpResponseMessage response, JsonElement envelope) => envelope.GetProperty("ok").GetBoolean()
        ? response.StatusCode == HttpStatusCode.OK
        : (int)response.StatusCode is 400 or 404 && HostApi.ErrorCode(envelope) is "INVALID_PAYLOAD" or "INVALID_CURSOR" or "NOT_FOUND" or "CANONICALIZATION_ERROR";

    private async Task<bool> CheckAsync(string path, string json)
    {
        using var response = await fixture.Client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var envelope = await HostApi.ReadAsync(response);
        if (!envelope.GetProperty("ok").GetBoolean())
        {
            return (int)response.StatusCode is 400 or 404 or 409 && KnownCodes.Contains(HostApi.ErrorCode(envelope));
        }

        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            return false;
        }

        string id = envelope.GetProperty(path.EndsWith("node", StringComparison.Ordinal) ? "nodeId" : "edgeId").GetString()!;
        return !path.EndsWith("node", StringComparison.Ordinal) || (await HostApi.GetAsync(fixture.Client, $"/reason/node/{id}")).Status == HttpStatusCode.OK;
    }

    /// <summary>A JSON object built from the node's field names (and a few strangers) with values of every JSON kind.</summary>
    public sealed record NodeBody(string Json)
    {
        public override string ToString() => Json;
    }

    /// <summary>A query string of traversal parameters with valid, invalid and hostile values.</summary>
    public sealed record TraceQuery(string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>A <c>/reason/query</c> body.</summary>
    public sealed record QueryBody(string Json)
    {
        public override string ToString() => Json;
    }

    public static class Bodies
    {
        private static readonly string[] TraceParameters = ["direction", "depth", "pageSize", "cursor", "order", "edgeTypes", "minWeight", "minConfidence", "asOf"];

        private static readonly Gen<string> TraceValues = Gen.Elements(
            "ancestors", "descendants", "sideways", "0", "1", "-1", "65", "1000", "1001", "99999999999", "NaN", "1e308", "bfs", "dfs",
            "causal,supports", ",", "AAAA", "v1.abc", "%00", "0.5", "-0.5", "");

        private static readonly string[] QueryKeys = ["types", "authors", "tags", "createdFrom", "createdBefore", "minConfidence", "pageSize", "cursor", "unknown"];

        public static Arbitrary<TraceQuery> TraceQuery() => Arb.From(
            Gen.SubListOf(TraceParameters)
                .SelectMany(names => Gen.CollectToList(names, n => TraceValues.Select(v => n + "=" + v)))
                .Select(pairs => new TraceQuery(string.Join("&", pairs))));

        public static Arbitrary<QueryBody> QueryBody() => Arb.From(
            Gen.SubListOf(QueryKeys)
                .SelectMany(keys => Gen.CollectToList(keys, k => Values.Select(v => $"\"{k}\":{v}")))
                .Select(members => new QueryBody("{" + string.Join(",", members) + "}")));

        private static readonly string[] Keys = ["id", "type", "author", "payload", "metadata", "version", "manifestSignatureId", "auditEventId", "kind", "createdAt", "weight", "extra"];

        private static readonly Gen<string> Values = Gen.OneOf(
            Gen.Elements("\"observation\"", "\"decision\"", "\"kernel\"", "\"\"", "\"  \"", "\"no-such-type\"", "null", "true", "0", "-1.5e3", "1e400", "[]", "[1,\"a\"]",
                "{}", "{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"confidence\":0.9}", "\"6f1c1c33-5a4e-4c1b-9a57-3a1d2a0c0002\"", "\"2025-11-17T12:00:00Z\"", "\"\\ud800\""),
            Gen.Elements("x", "é", "𝄞", "\u0000", "\"").Select(s => JsonSerializer.Serialize(s)));

        public static Arbitrary<NodeBody> NodeBody() => Arb.From(
            Gen.SubListOf(Keys)
                .SelectMany(keys => Gen.CollectToList(keys, k => Values.Select(v => $"\"{k}\":{v}")))
                .Select(members => new NodeBody("{" + string.Join(",", members) + "}")));
    }

    /// <summary>One service for the whole property run.</summary>
    public sealed class HostFixture : IAsyncLifetime
    {
        private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-fuzz-");
        private RunningHost _host = null!;

        public HttpClient Client { get; private set; } = null!;

        /// <summary>A node with a parent and a child, for the trace properties.</summary>
        public Guid Root { get; } = Guid.NewGuid();

        public async Task InitializeAsync()
        {
            _host = await RunningHost.StartAsync(new Dictionary<string, string>
            {
                ["environment"] = "Development",
                ["ALLOW_DEV_PRINCIPAL"] = "true",
                ["DATA_DIR"] = _data.FullName,
            });
            Client = _host.Client(devPrincipal: "fuzzer");
            Guid parent = Guid.NewGuid(), child = Guid.NewGuid();
            await HostApi.PostAsync(Client, "/reason/nodes", new { nodes = new[] { HostApi.Node("observation", parent.ToString()), HostApi.Node("decision", Root.ToString()), HostApi.Node("action", child.ToString()) } });
            await HostApi.PostAsync(Client, "/reason/edges", new { edges = new[] { new { from = parent, to = Root, type = "causal" }, new { from = Root, to = child, type = "supports" } } });
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await _host.DisposeAsync();
            _data.Delete(recursive: true);
        }
    }
}
