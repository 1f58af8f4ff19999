using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// Every endpoint that takes a JSON body, over real HTTP, against each class of hostile body: a clear 4xx in the
/// envelope with a stable code (and the canonical profile's reason), and nothing written. Bytes that are not UTF-8
/// used to be stored as U+FFFD and signed; duplicate keys gave 500s, or let the last key win.
/// </summary>
public sealed class HostileBodyTests : IAsyncLifetime
{
    private SeededDevHost _seeded = null!;

    private static readonly string[] Endpoints =
    [
        "/reason/node", "/reason/nodes", "/reason/edge", "/reason/edges", "/reason/node/{a}/annotations", "/reason/annotate/{a}", "/reason/query", "/reason/snapshot",
    ];

    /// <summary>Hostile bodies: (name, bytes with {a} and {b} for the two existing node ids, expected code, expected reason).</summary>
    public static TheoryData<string, string, string, string?> Classes => new()
    {
        { "invalid UTF-8 in a value", "{\"type\":\"observation\",\"author\":\"a\\xff\",\"payload\":{\"s\":\"\\xc0\\xaf\"}}", "CANONICALIZATION_ERROR", "invalid-utf8" },
        { "invalid UTF-8 in a key", "{\"type\":\"observation\",\"author\":\"a\",\"payload\":{\"k\\xfe\":1}}", "CANONICALIZATION_ERROR", "invalid-utf8" },
        { "overlong encoding", "{\"type\":\"observation\",\"author\":\"\\xc0\\x80\",\"payload\":{}}", "CANONICALIZATION_ERROR", "invalid-utf8" },
        { "duplicate top-level key", "{\"type\":\"observation\",\"type\":\"decision\",\"author\":\"a\",\"payload\":{}}", "CANONICALIZATION_ERROR", "duplicate-key" },
        { "duplicate nested key", "{\"type\":\"observation\",\"author\":\"a\",\"payload\":{\"x\":1,\"x\":2}}", "CANONICALIZATION_ERROR", "duplicate-key" },
        { "lone surrogate escape", "{\"type\":\"observation\",\"author\":\"\\\\ud800\",\"payload\":{}}", "CANONICALIZATION_ERROR", "lone-surrogate" },
        { "number out of range", "{\"type\":\"observation\",\"author\":\"a\",\"payload\":{\"n\":1e400}}", "CANONICALIZATION_ERROR", "number-out-of-range" },
        { "nesting too deep", "{\"payload\":" + new string('[', 300) + new string(']', 300) + "}", "CANONICALIZATION_ERROR", "max-depth" },
        { "not JSON", "{\"type\":", "INVALID_PAYLOAD", "invalid-json" },
        { "empty", "", "INVALID_PAYLOAD", null },
    };

    public async Task InitializeAsync() => _seeded = await SeededDevHost.StartAsync("rg-hostile-");

    public async Task DisposeAsync() => await _seeded.DisposeAsync();

    [Theory]
    [MemberData(nameof(Classes))]
    public async Task EveryBodyEndpoint_RefusesTheClass_AndWritesNothing(string name, string body, string code, string? reason)
    {
        foreach (string endpoint in Endpoints)
        {
            long before = await MaxSeqAsync();

            var (status, answer) = await PostRawAsync(endpoint, Bytes(body), "application/json");

            Assert.True(status == HttpStatusCode.BadRequest, $"{name} on {endpoint}: {(int)status} {answer}");
            Assert.False(answer.GetProperty("ok").GetBoolean());
            Assert.Equal(code, HostApi.ErrorCode(answer));
            if (reason is not null)
            {
                Assert.Equal(reason, answer.GetProperty("error").GetProperty("details").GetProperty("reason").GetString());
            }

            Assert.Equal(before, await MaxSeqAsync());
        }
    }

    [Theory]
    [InlineData(50, HttpStatusCode.Created)]
    [InlineData(100, HttpStatusCode.BadRequest)] // within the canonical limit, beyond the model's serializer (64): refused, never a 500
    public async Task DeepButCanonicalNesting_IsStoredOrRefused_NeverA500(int depth, HttpStatusCode expected)
    {
        string deep = new string('[', depth) + "1" + new string(']', depth);

        var (status, answer) = await PostRawAsync("/reason/node", Bytes($"{{\"type\":\"observation\",\"author\":\"a\",\"payload\":{{\"deep\":{deep}}}}}"), "application/json");

        Assert.True(status == expected, answer.ToString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task NonJsonContentType_Is415_OnEveryBodyEndpoint(string? contentType)
    {
        foreach (string endpoint in Endpoints)
        {
            var (status, answer) = await PostRawAsync(endpoint, Bytes(ValidNode()), contentType);

            Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"{endpoint}: {(int)status} {answer}");
            Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(answer));
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.kernel+json")]
    public async Task JsonContentTypes_AreAccepted(string contentType)
    {
        var (status, answer) = await PostRawAsync("/reason/node", Bytes(ValidNode()), contentType);

        Assert.True(status == HttpStatusCode.Created, answer.ToString());
    }

    [Fact]
    public async Task DuplicateAudience_DoesNotMakeAnAuditorSnapshot()
    {
        string body = $$"""{"rootNodeIds":["{{_seeded.A}}"],"audience":"operator","audience":"auditor"}""";

        var (status, answer) = await PostRawAsync("/reason/snapshot", Bytes(body), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("duplicate-key", answer.GetProperty("error").GetProperty("details").GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("/reason/node", "{\"type\":\"observation\",\"author\":\"a\",\"payload\":{},\"confidence\":0.9}", "confidence")]
    [InlineData("/reason/edge", "{\"from\":\"{a}\",\"to\":\"{b}\",\"type\":\"causal\",\"strength\":2}", "strength")]
    [InlineData("/reason/nodes", "{\"nodes\":[{\"type\":\"observation\",\"author\":\"a\",\"payload\":{},\"note\":1}]}", "nodes[0].note")]
    [InlineData("/reason/edges", "{\"edges\":[],\"extra\":1}", "extra")]
    [InlineData("/reason/nodes", "{\"nodes\":[],\"audit_context\":{\"kernel_manifest_signature_id\":\"m\",\"x\":1}}", "audit_context")]
    [InlineData("/reason/node/{a}/annotations", "{\"annotationType\":\"note\",\"author\":\"a\",\"payload\":{},\"severity\":\"high\"}", "severity")]
    public async Task UnknownFields_AreRefused_NotDropped(string endpoint, string body, string field)
    {
        long before = await MaxSeqAsync();

        var (status, answer) = await PostRawAsync(endpoint, Bytes(body), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(answer));
        Assert.EndsWith(field, answer.GetProperty("error").GetProperty("details").GetProperty("field").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await MaxSeqAsync());
    }

    /// <summary>
    /// The query and snapshot bodies: a value the contract cannot read is refused naming the member and what it must be,
    /// in the client's words; the serializer's message (type names, nullability advice, byte counts) never reaches them.
    /// </summary>
    [Theory]
    [InlineData("/reason/query", "{\"pageSize\":\"ten\"}", "pageSize", "'pageSize' must be an integer.")]
    [InlineData("/reason/query", "{\"pageSize\":1.5}", "pageSize", "'pageSize' must be an integer.")]
    [InlineData("/reason/query", "{\"types\":\"decision\"}", "types", "'types' must be an array of strings.")]
    [InlineData("/reason/query", "{\"types\":[\"decision\",7]}", "types[1]", "'types[1]' must be a string.")]
    [InlineData("/reason/query", "{\"createdFrom\":\"yesterday\"}", "createdFrom", "'createdFrom' must be an RFC 3339 timestamp.")]
    [InlineData("/reason/query", "{\"minConfidence\":true}", "minConfidence", "'minConfidence' must be a number.")]
    [InlineData("/reason/snapshot", "{\"rootNodeIds\":[\"not-a-uuid\"]}", "rootNodeIds[0]", "'rootNodeIds[0]' must be a UUID.")]
    [InlineData("/reason/snapshot", "{\"rootNodeIds\":[\"{a}\"],\"depth\":\"2\"}", "depth", "'depth' must be an integer.")]
    [InlineData("/reason/query", "{\"pageSize\":1,\"author\":\"a\"}", "author", "'author' is not a field of a query; the fields are authors, createdBefore, createdFrom, cursor, minConfidence, pageSize, tags, types.")]
    public async Task UnreadableValues_AreRefusedNamingTheMember_InTheClientsWords(string endpoint, string body, string field, string message)
    {
        long before = await MaxSeqAsync();

        var (status, answer) = await PostRawAsync(endpoint, Bytes(body), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(answer));
        Assert.Equal(field, answer.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(message, answer.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(before, await MaxSeqAsync());
    }

    [Theory]
    [InlineData("{{a}}")]
    [InlineData("({a})")]
    [InlineData("{hex}")]
    [InlineData("%20{a}")]
    [InlineData("{a}%20")]
    public async Task PathIds_TakeOnlyTheFormBodyIdsTake(string form)
    {
        string id = form.Replace("{a}", _seeded.A, StringComparison.Ordinal).Replace("{hex}", _seeded.A.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);

        foreach (string path in new[] { "/reason/node/", "/reason/traces/", "/reason/trace/" })
        {
            var (status, answer) = await HostApi.GetAsync(_seeded.Client, path + id);

            Assert.True(status == HttpStatusCode.BadRequest, $"{path}{id}: {(int)status}");
            Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(answer));
        }

        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(_seeded.Client, "/reason/node/" + _seeded.A.ToUpperInvariant())).Status);
    }

    [Fact]
    public async Task SnapshotRoots_AreDeduplicated_AndBounded()
    {
        var (status, created) = await HostApi.PostAsync(_seeded.Client, "/reason/snapshot", new { rootNodeIds = Enumerable.Repeat(_seeded.A, 100_000).Append(_seeded.B).ToArray() });
        var (tooManyStatus, tooMany) = await HostApi.PostAsync(_seeded.Client, "/reason/snapshot", new { rootNodeIds = Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid()).ToArray() });

        Assert.Equal(HttpStatusCode.Created, status);
        var (_, fetched) = await HostApi.GetAsync(_seeded.Client, $"/reason/snapshot/{created.GetProperty("snapshotId").GetString()}");
        Assert.Equal([_seeded.A, _seeded.B], fetched.GetProperty("snapshot").GetProperty("root_ids").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, tooManyStatus);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(tooMany));
        Assert.Contains("at most 1000 distinct", tooMany.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string ValidNode() => "{\"type\":\"observation\",\"author\":\"a\",\"payload\":{\"n\":1}}";

    /// <summary>The test's notation as bytes: <c>\xHH</c> is one raw byte (so bodies can hold invalid UTF-8).</summary>
    private byte[] Bytes(string notation)
    {
        string text = notation.Replace("{a}", _seeded.A, StringComparison.Ordinal).Replace("{b}", _seeded.B, StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                i += 3;
            }
            else if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '\\')
            {
                bytes.Add((byte)'\\');
                i++;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [Fact]
    public async Task AnUnknownEdgeType_IsRefusedNamingTheAcceptedTypes_InPlainText()
    {
        string body = $"{{\"from\":\"{_seeded.A}\",\"to\":\"{_seeded.B}\",\"type\":\"because+so\"}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _seeded.Client.PostAsync(new Uri("/reason/edge", UriKind.Relative), content);
        string raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'because+so' is not an accepted edge type; accepted: causal, contradicts, derivedFrom, influencedBy, supports.", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", raw, StringComparison.Ordinal);
        var details = System.Text.Json.JsonDocument.Parse(raw).RootElement.GetProperty("error").GetProperty("details");
        Assert.Equal("type", details.GetProperty("field").GetString());
        Assert.Equal("causal, contradicts, derivedFrom, influencedBy, supports", details.GetProperty("accepted").GetString());
    }

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> PostRawAsync(string endpoint, byte[] body, string? contentType)
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await _seeded.Client.PostAsync(new Uri(endpoint.Replace("{a}", _seeded.A, StringComparison.Ordinal), UriKind.Relative), content);
        return (response.StatusCode, await HostApi.ReadAsync(response));
    }

    private Task<long> MaxSeqAsync() => _seeded.Host.Services.GetRequiredService<IReasoningGraphStore>().GetMaxSeqAsync().AsTask();
}
