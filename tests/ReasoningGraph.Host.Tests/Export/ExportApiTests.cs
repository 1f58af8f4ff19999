using System.Net;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Host.Tests.Http;

namespace ReasoningGraph.Host.Tests.Export;

/// <summary>
/// <c>GET /reason/export/{id}</c> over real HTTP in its three formats, on a graph with a causal chain, a cycle among
/// the causes, a correction, a hostile payload and a signed snapshot; the human page rendered by headless Chromium.
/// </summary>
public sealed class ExportApiTests : IAsyncLifetime
{
    private const string Hostile = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-export-");
    private readonly string _a = Guid.CreateVersion7().ToString(), _b = Guid.CreateVersion7().ToString(), _c = Guid.CreateVersion7().ToString();
    private readonly string _d = Guid.CreateVersion7().ToString(), _e = Guid.CreateVersion7().ToString();
    private RunningHost _host = null!;
    private HttpClient _client = null!;
    private JsonElement _snapshot;

    private string[] Nodes => [_a, _b, _c, _d, _e];

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            ["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0",
        });
        _client = _host.Client(devPrincipal: "auditor-desk");
        var nodes = new object[]
        {
            new { id = _a, type = "observation", author = "kernel", payload = new { summary = "latency regression", note = Hostile } },
            new { id = _b, type = "recommendation", author = "kernel", payload = new { summary = "roll back model-7" }, metadata = new { confidence = 0.82 } },
            new { id = _c, type = "decision", author = "kernel", payload = new { summary = "rollback approved" } },
            new { id = _d, type = "hypothesis", author = "kernel", payload = new { summary = "cache warm-up" } },
            new { id = _e, type = "hypothesis", author = "kernel", payload = new { summary = "cache size" } },
        };
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_client, "/reason/nodes", new { nodes })).Status);
        var edges = new[] { (_a, _b), (_b, _c), (_d, _e), (_e, _d), (_e, _c) }.Select(p => new { from = p.Item1, to = p.Item2, type = "causal" });
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_client, "/reason/edges", new { edges })).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_client, $"/reason/node/{_b}/annotations", new { annotationType = "correction", author = "reviewer", payload = new { text = "confidence was overstated " + Hostile } })).Status);
        var (status, snapshot) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { _c }, depth = 3 });
        Assert.Equal(HttpStatusCode.Created, status);
        _snapshot = snapshot;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Json_IsTheEnvelopeWithTraceAnnotationsCyclesAndTheSnapshotsVerificationData()
    {
        var (status, body) = await HostApi.GetAsync(_client, $"/reason/export/{_c}?format=json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("ok").GetBoolean());
        var export = body.GetProperty("export");
        Assert.Equal(_c, export.GetProperty("nodeId").GetString());
        var path = export.GetProperty("trace").GetProperty("ordered_path").EnumerateArray().ToList();
        Assert.Equal(Nodes.Order(), path.Where(e => e.GetProperty("type").GetString() == "node").Select(e => e.GetProperty("id").GetString()!).Order());
        Assert.Equal("correction", path.Single(e => e.GetProperty("id").GetString() == _b).GetProperty("annotations")[0].GetProperty("annotationType").GetString());
        Assert.True(export.GetProperty("trace").GetProperty("metadata").GetProperty("cycleDetected").GetBoolean());
        var snapshot = export.GetProperty("snapshot");
        Assert.Equal(_snapshot.GetProperty("snapshotId").GetString(), snapshot.GetProperty("snapshotId").GetString());
        Assert.Equal(_snapshot.GetProperty("hash").GetString(), snapshot.GetProperty("hash").GetString());
        Assert.Equal(_snapshot.GetProperty("signerId").GetString(), snapshot.GetProperty("signerKid").GetString());
        Assert.Equal(_snapshot.GetProperty("signature").GetString(), snapshot.GetProperty("signature").GetString());
        Assert.False(string.IsNullOrEmpty(export.GetProperty("explanation").GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task Json_OfANodeWithoutSnapshot_HasNone()
    {
        var (status, body) = await HostApi.GetAsync(_client, $"/reason/export/{_a}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("export").GetProperty("snapshot").ValueKind);
    }

    [Fact]
    public async Task Canonical_IsTheExportObjectInCanonicalForm()
    {
        using var response = await _client.GetAsync(new Uri($"/reason/export/{_c}?format=canonical", UriKind.Relative));
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CanonicalJson.Canonicalize(bytes), bytes);
        using var document = JsonDocument.Parse(bytes);
        Assert.False(document.RootElement.TryGetProperty("ok", out _));
        Assert.Equal(_c, document.RootElement.GetProperty("nodeId").GetString());
        Assert.Equal(_snapshot.GetProperty("hash").GetString(), document.RootElement.GetProperty("snapshot").GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData("/reason/export/{c}?format=pdf", HttpStatusCode.BadRequest, "INVALID_PAYLOAD")]
    [InlineData("/reason/export/not-a-uuid", HttpStatusCode.BadRequest, "INVALID_PAYLOAD")]
    [InlineData("/reason/export/00000000-0000-7000-8000-000000000000?format=human", HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task BadRequests_AreErrorEnvelopes(string template, HttpStatusCode expected, string code)
    {
        var (status, body) = await HostApi.GetAsync(_client, template.Replace("{c}", _c, StringComparison.Ordinal));

        Assert.Equal(expected, status);
        Assert.Equal(code, HostApi.ErrorCode(body));
    }

    [Fact]
    public async Task Human_IsSelfContainedHtml_WithEveryGraphTextEncoded()
    {
        string html = await HumanAsync();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<[a-zA-Z][^<>]*\s(src|href|on[a-z]+)\s*=", html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.All(Nodes, id => Assert.Contains($"data-node-id=\"{id}\"", html, StringComparison.Ordinal));
        Assert.Contains(_snapshot.GetProperty("hash").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains("verify-snapshot", html, StringComparison.Ordinal);

        // Node labels are the random tail of the id (UUIDv7's head is its timestamp, shared by nodes written together):
        // five nodes, five different labels. Every edge's type is drawn, not only in a tooltip.
        var labels = Nodes.Select(id => Guid.Parse(id).ToString("N")[^8..]).ToList();
        Assert.Equal(Nodes.Length, labels.Distinct().Count());
        Assert.All(labels, label => Assert.Contains(label + " · ", html, StringComparison.Ordinal));
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(html, "<text class=\"edge-label\"[^>]*>causal</text>"));

        // The timeline says what its order is, before its first entry.
        Assert.True(html.IndexOf("In causal order: every cause before what it caused.", StringComparison.Ordinal) is > 0 and var said
            && said < html.IndexOf("<ol class=\"timeline\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Human_IsServedWithItsContentSecurityPolicyAsAHeader()
    {
        using var response = await _client.GetAsync(new Uri($"/reason/export/{_c}?format=human", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Human_RendersInHeadlessChromium_WithoutErrors_ShowingEveryNode()
    {
        if (HeadlessChromium.PathOrSkip() is not { } chromium)
        {
            return;
        }

        string page = Path.Combine(_directory.FullName, "export.html");
        await File.WriteAllTextAsync(page, await HumanAsync(), Encoding.UTF8);
        string screenshot = Path.Combine(_directory.FullName, "export.png");

        var (dom, domLog) = await HeadlessChromium.RunAsync(chromium, page, Path.Combine(_directory.FullName, "profile-dom"), "--dump-dom");
        var (_, shotLog) = await HeadlessChromium.RunAsync(chromium, page, Path.Combine(_directory.FullName, "profile-shot"), "--screenshot=" + screenshot, "--window-size=1280,1600");

        // The rendered document: every node, the hostile payload as text (never an element), nothing executed.
        Assert.All(Nodes, id => Assert.Contains(id, dom, StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pwned</title>", dom, StringComparison.Ordinal);
        Assert.Contains("<svg", dom, StringComparison.Ordinal);
        await HeadlessChromium.AssertCleanAndDrawnAsync(screenshot, domLog, shotLog);
    }

    private async Task<string> HumanAsync()
    {
        using var response = await _client.GetAsync(new Uri($"/reason/export/{_c}?format=human", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
