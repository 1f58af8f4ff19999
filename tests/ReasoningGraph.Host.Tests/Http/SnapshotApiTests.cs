using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// <c>POST /reason/snapshot</c> and <c>GET /reason/snapshot/{id}</c> over real HTTP, signed by a real signing proxy
/// on loopback that the tests take down and bring back.
/// </summary>
public sealed class SnapshotApiTests : IAsyncLifetime
{
    private const string JwtKid = "kernel-jwt";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-snapshot-api-");
    private readonly Ed25519PrivateKey _jwtKey = Ed25519PrivateKey.Generate();
    private SwitchableSigningProxy _proxy = null!;
    private string _registry = null!;
    private RunningHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _proxy = await SwitchableSigningProxy.StartAsync();
        _registry = await _proxy.WriteRegistryAsync(_directory.FullName);
        string keysFile = Path.Combine(_directory.FullName, "kernel-signers.json");
        await File.WriteAllBytesAsync(keysFile, new SignerRegistry([RegisteredSigner.ForEd25519(JwtKid, _jwtKey.PublicKey)]).ToJson());
        _host = await RunningHost.StartAsync(SnapshotHostSettings.For(_directory, _proxy, _registry, keysFile));
        _client = _host.Client(devPrincipal: "auditor-desk");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
        _jwtKey.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Create_Fetch_ServesTheSignedBytesThatVerify()
    {
        var (a, b) = await WriteChainAsync();

        var (status, created) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { b }, description = "promotion review", depth = 1 });

        Assert.Equal(HttpStatusCode.Created, status);
        string id = created.GetProperty("snapshotId").GetString()!;
        Assert.Equal(SwitchableSigningProxy.SignerId, created.GetProperty("signerId").GetString());
        Assert.Matches("^[0-9a-f]{64}$", created.GetProperty("hash").GetString());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("signature").GetString()));
        Assert.True(DateTimeOffset.TryParse(created.GetProperty("createdAt").GetString(), out _));

        byte[] document = await FetchDocumentAsync(id);
        var result = new SnapshotVerifier(SignerRegistry.Load(_registry)).Verify(document);
        Assert.True(result.IsVerified, result.Message);
        Assert.Equal(created.GetProperty("hash").GetString(), result.ComputedHash);
        using var parsed = JsonDocument.Parse(document);
        var nodeIds = parsed.RootElement.GetProperty("payload").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Contains(a, nodeIds);
        Assert.Contains(b, nodeIds);
        Assert.Equal("operator", parsed.RootElement.GetProperty("payload").GetProperty("audience").GetString());
    }

    [Fact]
    public async Task FormatHuman_AddsTheGoServiceSummary_BesideTheUntouchedDocument()
    {
        var (a, b) = await WriteChainAsync();
        var (_, created) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { b }, depth = 1 });
        string id = created.GetProperty("snapshotId").GetString()!;

        var (status, answer) = await HostApi.GetAsync(_client, $"/reason/snapshot/{id}?format=human");
        var (badStatus, bad) = await HostApi.GetAsync(_client, $"/reason/snapshot/{id}?format=pdf");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Encoding.UTF8.GetString(await FetchDocumentAsync(id)), answer.GetProperty("snapshot").GetRawText());
        var human = answer.GetProperty("human");
        Assert.Equal(2, human.GetProperty("nodeCount").GetInt32());
        Assert.Equal(1, human.GetProperty("edgeCount").GetInt32());
        var summary = human.GetProperty("summary").EnumerateArray().ToList();
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), summary.Select(e => e.GetProperty("id").GetString()));
        var decision = summary.Single(e => e.GetProperty("id").GetString() == b);
        Assert.Equal("decision", decision.GetProperty("type").GetString());
        Assert.Equal("kernel", decision.GetProperty("author").GetString());
        Assert.True(DateTimeOffset.TryParse(decision.GetProperty("created").GetString(), out _));
        Assert.Equal(["author", "created", "id", "type"], decision.EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.False((await HostApi.GetAsync(_client, $"/reason/snapshot/{id}")).Body.TryGetProperty("human", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(bad));
    }

    [Fact]
    public async Task IdempotencyKeyHeader_AndBodyRequestId_GiveOneSnapshot()
    {
        var (a, _) = await WriteChainAsync();
        string key = "req-" + Guid.NewGuid();

        string first = await CreateWithHeaderAsync(a, key);
        var (status, second) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { a }, requestId = key });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reason/snapshot") { Content = JsonContent.Create(new { rootNodeIds = new[] { a }, requestId = "other" }) };
        request.Headers.Add("Idempotency-Key", key);
        using var mismatch = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(first, second.GetProperty("snapshotId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("INVALID_PAYLOAD", HostApi.ErrorCode(await HostApi.ReadAsync(mismatch)));
    }

    [Fact]
    public async Task AuditorSnapshot_NeedsExportPii_ToCreateAndToRead()
    {
        var (a, _) = await WriteChainAsync();
        using var reader = _host.Client(bearer: KernelJwt.Create(_jwtKey, JwtKid, scope: "read:trace"));

        var (refused, refusal) = await HostApi.PostAsync(reader, "/reason/snapshot", new { rootNodeIds = new[] { a }, audience = "auditor" });
        var (status, created) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { a }, audience = "auditor" });
        var (readRefused, _) = await HostApi.GetAsync(reader, "/reason/snapshot/" + created.GetProperty("snapshotId").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("FORBIDDEN", HostApi.ErrorCode(refusal));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.Forbidden, readRefused);
    }

    [Fact]
    public async Task SignerDown_IsAcceptedPending_AndTheSnapshotIsPendingUntilSigned()
    {
        var (a, _) = await WriteChainAsync();
        string key = "req-" + Guid.NewGuid();
        _proxy.Up = false;
        string pendingId;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/reason/snapshot") { Content = JsonContent.Create(new { rootNodeIds = new[] { a } }) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await _client.SendAsync(request);
            var body = await HostApi.ReadAsync(response);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("pending", body.GetProperty("status").GetString());
            Assert.Equal("SIGNING_FAILURE", body.GetProperty("reason").GetString());
            pendingId = body.GetProperty("snapshotId").GetString()!;
            Assert.Equal("/reason/snapshot/" + pendingId, response.Headers.Location?.OriginalString);
            var (pendingStatus, pending) = await HostApi.GetAsync(_client, "/reason/snapshot/" + pendingId);
            Assert.Equal(HttpStatusCode.Conflict, pendingStatus);
            Assert.Equal("SNAPSHOT_NOT_READY", HostApi.ErrorCode(pending));

            // The outage is reported, and stops only snapshots: the pod stays ready and reads go on.
            var (readyStatus, ready) = await HostApi.GetAsync(_client, "/ready");
            Assert.Equal(HttpStatusCode.OK, readyStatus);
            Assert.StartsWith("failed: ", ready.GetProperty("signer").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(_client, $"/reason/traces/{a}")).Status);
            // The exporter caches a scrape for a moment, and other hosts of the test run export the same gauge: poll.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string metrics;
            while (!System.Text.RegularExpressions.Regex.IsMatch(metrics = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), @"(?m)^reasoning_graph_host_signer_up(\{[^}]*\})? 0( |$)"))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "reasoning_graph_host_signer_up never showed 0:\n" + metrics);
                await Task.Delay(200);
            }
        }
        finally
        {
            _proxy.Up = true;
        }

        // The same request id finishes the pending snapshot instead of taking a second one.
        int probesBefore = _proxy.SignedDigests.Count;
        Assert.Equal(pendingId, await CreateWithHeaderAsync(a, key));

        // That real signature is the signer's health now: no probe is signed for it.
        var (_, readyAgain) = await HostApi.GetAsync(_client, "/ready");
        Assert.Equal("ok", readyAgain.GetProperty("signer").GetString());
        Assert.Equal(probesBefore + 2, _proxy.SignedDigests.Count); // the document and its audit event; no probe
        Assert.True(new SnapshotVerifier(SignerRegistry.Load(_registry)).Verify(await FetchDocumentAsync(pendingId)).IsVerified);
    }

    [Fact]
    public async Task BadRequests_AreInvalidPayloadOrNotFound()
    {
        var (missing, _) = await HostApi.PostAsync(_client, "/reason/snapshot", new { description = "no roots" });
        var (badAudience, _) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { Guid.NewGuid() }, audience = "public" });
        var (unknownRoot, unknown) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { Guid.NewGuid() } });
        var (noSnapshot, _) = await HostApi.GetAsync(_client, "/reason/snapshot/" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(HttpStatusCode.BadRequest, badAudience);
        Assert.Equal(HttpStatusCode.NotFound, unknownRoot);
        Assert.Equal("NOT_FOUND", HostApi.ErrorCode(unknown));
        Assert.Equal(HttpStatusCode.NotFound, noSnapshot);
    }

    private async Task<(string A, string B)> WriteChainAsync()
    {
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString();
        await HostApi.PostAsync(_client, "/reason/nodes", new { nodes = new[] { HostApi.Node("observation", a), HostApi.Node("decision", b) } });
        await HostApi.PostAsync(_client, "/reason/edge", new { from = a, to = b, type = "causal" });
        return (a, b);
    }

    private async Task<string> CreateWithHeaderAsync(string root, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reason/snapshot") { Content = JsonContent.Create(new { rootNodeIds = new[] { root } }) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _client.SendAsync(request);
        var body = await HostApi.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("snapshotId").GetString()!;
    }

    /// <summary>The <c>snapshot</c> member exactly as sent on the wire.</summary>
    private async Task<byte[]> FetchDocumentAsync(string id)
    {
        using var response = await _client.GetAsync(new Uri("/reason/snapshot/" + id, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return Encoding.UTF8.GetBytes(body.RootElement.GetProperty("snapshot").GetRawText());
    }
}

/// <summary>The configuration of a development host signing through a test proxy.</summary>
internal static class SnapshotHostSettings
{
    public static Dictionary<string, string> For(DirectoryInfo directory, SwitchableSigningProxy proxy, string registry, string? kernelKeysFile = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(directory.FullName, "data"),
            ["SIGNING_PROXY_URL"] = proxy.Url.ToString().TrimEnd('/'),
            ["SIGNING_PROXY_KEY_ID"] = SwitchableSigningProxy.SignerId,
            ["SIGNER_REGISTRY_PATH"] = registry,
        };
        if (kernelKeysFile is not null)
        {
            settings["KERNEL_SIGNER_KEYS_FILE"] = kernelKeysFile;
        }

        return settings;
    }
}
