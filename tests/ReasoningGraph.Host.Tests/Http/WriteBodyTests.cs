using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// How the write routes read their bodies, pinned over real HTTP: which refusal wins when a body breaks several rules,
/// the exact field and message of each, the batch's manifest default and the fields an annotation route implies.
/// The cases share one host (booting one is most of a case's time); each writes only under fresh ids, or nothing.
/// </summary>
public sealed class WriteBodyTests(WriteBodyTests.HostFixture fixture) : IClassFixture<WriteBodyTests.HostFixture>
{
    private const string NodeFields = "auditEventId, author, createdAt, id, manifestSignatureId, metadata, payload, type, version";
    private const string EdgeFields = "auditEventId, createdAt, from, id, metadata, to, type, weight";
    private const string AnnotationFields = "annotationType, author, createdAt, id, payload, targetId, targetType";

    /// <summary>
    /// (route, body with {a} for an existing node id, field, message): each refused with INVALID_PAYLOAD. A value the
    /// contract cannot read names its field (under the body's or the batch entry's prefix) and what the field must be,
    /// in the API's words: the serializer's own messages (which name .NET types and advise developers) never reach a client.
    /// </summary>
    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "/reason/node", """[1]""", "body", "The body must be a JSON object." },
        { "/reason/node", """null""", "body", "The body must be a JSON object." },
        { "/reason/node", """{"zzz":1,"kind":"node"}""", "body.kind", "'kind' is implied by the route and must not be sent." },
        { "/reason/node", """{"type":"observation","author":"a","payload":{},"confidence":0.9,"other":1}""", "body.confidence", $"'confidence' is not a field of a node; the fields are {NodeFields}." },
        { "/reason/node", """{"type":"observation","payload":{}}""", "body.author", "'author' is required." },
        { "/reason/node", """{"payload":{},"author":"a"}""", "body.type", "'type' is required." },
        { "/reason/node", """{"type":"observation","author":1,"payload":{}}""", "body.author", "'author' must be a string." },
        { "/reason/node", """{"type":"observation","author":null,"payload":{}}""", "body.author", "'author' must be a string." },
        { "/reason/node", """{"type":"observation","author":"a","payload":{},"version":7}""", "body.version", "'version' must be a string." },
        { "/reason/node", """{"id":"x","type":"observation","author":"a","payload":{}}""", "body.id", "'id' must be a UUID." },
        { "/reason/node", """{"type":"observation","author":"a","payload":{},"createdAt":"yesterday"}""", "body.createdAt", "'createdAt' must be an RFC 3339 timestamp." },
        { "/reason/node", """{"type":"observation","author":"a","payload":{},"createdAt":1763380800}""", "body.createdAt", "'createdAt' must be an RFC 3339 timestamp." },
        { "/reason/edge", """{"from":"{a}","to":"{a}","type":"causal","manifestSignatureId":"m"}""", "body.manifestSignatureId", $"'manifestSignatureId' is not a field of a edge; the fields are {EdgeFields}." },
        { "/reason/edge", """{"from":"{a}","to":"not-a-guid","type":"causal"}""", "body.to", "'to' must be a UUID." },
        { "/reason/edge", """{"from":"{a}","to":null,"type":"causal"}""", "body.to", "'to' must be a UUID." },
        { "/reason/edge", """{"from":"{a}","to":"{a}","type":"causal","weight":"0.5"}""", "body.weight", "'weight' must be a number." },
        { "/reason/edge", """{"from":"{a}","type":"causal"}""", "body.to", "'to' is required." },
        { "/reason/nodes", """[]""", "body", "The body must be a JSON object." },
        { "/reason/nodes", """{}""", "nodes", "'nodes' must be an array." },
        { "/reason/nodes", """{"nodes":null}""", "nodes", "'nodes' must be an array." },
        { "/reason/nodes", """{"extra":1,"nodes":{}}""", "nodes", "'nodes' must be an array." },
        { "/reason/nodes", """{"extra":1,"nodes":[5],"audit_context":7}""", "audit_context", "Must be a JSON object." },
        { "/reason/nodes", """{"nodes":[],"audit_context":{"kernel_manifest_signature_id":" "}}""", "audit_context.kernel_manifest_signature_id", "Must be a non-empty string." },
        { "/reason/nodes", """{"nodes":[],"audit_context":{"kernel_manifest_signature_id":5}}""", "audit_context.kernel_manifest_signature_id", "Must be a non-empty string." },
        { "/reason/nodes", """{"nodes":[],"audit_context":{"x":1}}""", "audit_context", "audit_context holds only kernel_manifest_signature_id." },
        { "/reason/nodes", """{"nodes":[5],"extra":1,"more":2}""", "extra", "'extra' is not a field of a batch; the fields are nodes and audit_context." },
        { "/reason/nodes", """{"nodes":[{"kind":"node"},5,null]}""", "nodes[1]", "Each entry must be a JSON object." },
        { "/reason/nodes", """{"nodes":[{"type":"observation","author":"a","payload":{}},{"x":1,"kind":"node"}]}""", "nodes[1].kind", "'kind' is implied by the route and must not be sent." },
        { "/reason/nodes", """{"nodes":[{"type":"observation","author":"a","payload":{}},{"type":"observation","author":"a","payload":{},"note":1}]}""", "nodes[1].note", $"'note' is not a field of a node; the fields are {NodeFields}." },
        { "/reason/nodes", """{"nodes":[{"type":"observation","author":"a","payload":{}},{"type":"observation","payload":{}}],"audit_context":{"kernel_manifest_signature_id":"m"}}""", "nodes[1].author", "'author' is required." },
        { "/reason/nodes", """{"nodes":[{"type":"observation","author":"a","payload":{}},{"type":"observation","author":"a","payload":{},"createdAt":"2025-11-17"}]}""", "nodes[1].createdAt", "'createdAt' must be an RFC 3339 timestamp." },
        { "/reason/edges", """{"edges":[{"from":"{a}","to":"{a}","type":"causal"},{"from":"{a}","to":"{a}"}]}""", "edges[1].type", "'type' is required." },
        { "/reason/nodes", """{"nodes":[{"type":"observation","author":"a","payload":{"n":1}},{"type":"observation","author":"a","payload":[]  }]}""", "payload", "payload must be a JSON object." },
        { "/reason/edges", """{"edges":[{"from":"{a}","to":"{a}","type":"causal","manifestSignatureId":"m"}],"audit_context":{"kernel_manifest_signature_id":"m"}}""", "edges[0].manifestSignatureId", $"'manifestSignatureId' is not a field of a edge; the fields are {EdgeFields}." },
        { "/reason/edges", """{"edges":"x"}""", "edges", "'edges' must be an array." },
        { "/reason/edges", """{"edges":[],"nodes":[]}""", "nodes", "'nodes' is not a field of a batch; the fields are edges and audit_context." },
        { "/reason/node/{a}/annotations", """{"kind":"annotation","targetId":"00000000-0000-0000-0000-000000000001"}""", "targetId", "targetId, when sent, must equal the id in the path." },
        { "/reason/node/{a}/annotations", """{"targetId":5}""", "targetId", "targetId, when sent, must equal the id in the path." },
        { "/reason/node/{a}/annotations", """{"targetId":"{a}","kind":"annotation"}""", "body.kind", "'kind' is implied by the route and must not be sent." },
        { "/reason/annotate/{a}", """{"annotationType":"note","author":"a","payload":{},"severity":"high"}""", "body.severity", $"'severity' is not a field of a annotation; the fields are {AnnotationFields}." },
        { "/reason/annotate/{a}", """{"annotationType":"note","payload":{}}""", "body.author", "'author' is required." },
        { "/reason/annotate/{a}", """{"author":"a","payload":{}}""", "body.annotationType", "'annotationType' is required." },
        { "/reason/annotate/{a}", """{"annotationType":"note","author":"a","payload":{},"targetType":"vertex"}""", "body.targetType", "'targetType' must be one of: node, edge." },
        { "/reason/node/{a}/annotations", """{"targetType":"Edge","annotationType":"note","author":"a","payload":{}}""", "body.targetType", "'targetType' must be one of: node, edge." },
        { "/reason/node/{a}/annotations", """{"targetType":[],"annotationType":"note","author":"a","payload":{}}""", "body.targetType", "'targetType' must be one of: node, edge." },
        { "/reason/node/{a}/annotations", """{"targetType":1,"annotationType":"note","author":"a","payload":{}}""", "body.targetType", "'targetType' must be one of: node, edge." },
        { "/reason/annotate/{a}", """{"annotationType":"note","author":"a","payload":{},"targetType":2}""", "body.targetType", "'targetType' must be one of: node, edge." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ABadBody_IsRefusedWithItsFieldAndMessage_AndWritesNothing(string route, string body, string field, string message)
    {
        long before = await MaxSeqAsync();

        var (status, answer) = await PostRawAsync(route.Replace("{a}", Seeded.A, StringComparison.Ordinal), body.Replace("{a}", Seeded.A, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(answer));
        Assert.Equal(field, answer.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(message, answer.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(before, await MaxSeqAsync());
    }

    [Fact]
    public async Task TheBatchManifest_FillsOnlyNodesThatDoNotNameTheirOwn()
    {
        string[] ids = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
        string body = $$$"""
            { "audit_context": { "kernel_manifest_signature_id": "batch-m" },
              "nodes": [ {"id":"{{{ids[0]}}}","type":"observation","author":"a","payload":{}},
                         {"id":"{{{ids[1]}}}","type":"observation","author":"a","payload":{},"manifestSignatureId":"own-m"},
                         {"id":"{{{ids[2]}}}","type":"observation","author":"a","payload":{},"manifestSignatureId":null} ] }
            """;

        var (status, answer) = await PostRawAsync("/reason/nodes", body);

        Assert.True(status == HttpStatusCode.Created, answer.ToString());
        Assert.Equal("batch-m|own-m|(none)", string.Join("|", await Task.WhenAll(ids.Select(ManifestOfAsync))));
    }

    [Fact]
    public async Task ANullManifest_OrANullAuditContext_FillsNothing()
    {
        string first = Guid.NewGuid().ToString(), second = Guid.NewGuid().ToString();

        var (status, _) = await PostRawAsync("/reason/nodes", $$$"""{"nodes":[{"id":"{{{first}}}","type":"observation","author":"a","payload":{}}],"audit_context":{"kernel_manifest_signature_id":null}}""");
        var (nullStatus, _) = await PostRawAsync("/reason/nodes", $$$"""{"audit_context":null,"nodes":[{"id":"{{{second}}}","type":"observation","author":"a","payload":{}}]}""");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (status, nullStatus));
        Assert.Equal("(none)|(none)", string.Join("|", await Task.WhenAll(new[] { first, second }.Select(ManifestOfAsync))));
    }

    [Fact]
    public async Task AnEdgeBatch_TakesAnAuditContext_AndEscapedFieldNames()
    {
        var (status, answer) = await PostRawAsync("/reason/edges", $$$"""{"edges":[{"\u0066rom":"{{{Seeded.A}}}","to":"{{{Seeded.B}}}","type":"causal"}],"audit_context":{"kernel_manifest_signature_id":"m"}}""");

        Assert.True(status == HttpStatusCode.Created, answer.ToString());
    }

    [Theory]
    [InlineData("""{"annotationType":"note","author":"a","payload":{"t":1}}""")]
    [InlineData("""{"targetId":null,"targetType":null,"annotationType":"note","author":"a","payload":{"t":2}}""")]
    [InlineData("""{"targetType":"node","targetId":"{A}","annotationType":"note","author":"a","payload":{"t":3}}""")]
    [InlineData("""{"annotationType":"note","targetId":" {{A}} ","author":"a","payload":{"t":4}}""")]
    public async Task AnAnnotation_TakesItsTargetFromThePath(string body)
    {
        var (status, answer) = await PostRawAsync($"/reason/annotate/{Seeded.A}", body.Replace("{A}", Seeded.A.ToUpperInvariant(), StringComparison.Ordinal));

        Assert.True(status == HttpStatusCode.Created, answer.ToString());
        Assert.Equal(Seeded.A, answer.GetProperty("annotation").GetProperty("targetId").GetString());
        Assert.Equal("node", answer.GetProperty("annotation").GetProperty("targetType").GetString());
    }

    [Fact]
    public async Task AnAnnotation_OnAnEdge_NamesTheEdgeInThePath()
    {
        var (_, edge) = await HostApi.PostAsync(Seeded.Client, "/reason/edge", new { from = Seeded.A, to = Seeded.B, type = "supports" });
        string edgeId = edge.GetProperty("edgeId").GetString()!;

        var (status, answer) = await PostRawAsync($"/reason/node/{edgeId}/annotations", """{"targetType":"edge","annotationType":"note","author":"a","payload":{}}""");

        Assert.True(status == HttpStatusCode.Created, answer.ToString());
        Assert.Equal("edge", answer.GetProperty("annotation").GetProperty("targetType").GetString());
    }

    private SeededDevHost Seeded => fixture.Seeded;

    // The cases of a class run one at a time, so the shared host's position moves only with the case being run.
    private Task<long> MaxSeqAsync() => Seeded.Host.Services.GetRequiredService<IReasoningGraphStore>().GetMaxSeqAsync().AsTask();

    private async Task<string> ManifestOfAsync(string id)
    {
        var (_, node) = await HostApi.GetAsync(Seeded.Client, $"/reason/node/{id}");
        return node.GetProperty("node").TryGetProperty("manifestSignatureId", out var value) ? value.GetString()! : "(none)";
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(string route, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await Seeded.Client.PostAsync(new Uri(route, UriKind.Relative), content);
        return (response.StatusCode, await HostApi.ReadAsync(response));
    }

    /// <summary>The host the cases share.</summary>
    public sealed class HostFixture : IAsyncLifetime
    {
        internal SeededDevHost Seeded { get; private set; } = null!;

        public async Task InitializeAsync() => Seeded = await SeededDevHost.StartAsync("rg-write-body-");

        public async Task DisposeAsync() => await Seeded.DisposeAsync();
    }
}
