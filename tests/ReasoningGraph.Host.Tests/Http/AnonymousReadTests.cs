using System.Net;
using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// <c>ALLOW_ANONYMOUS_READS=true</c> over real HTTP: a request without credentials reads the Go service's read
/// endpoints with the PII-redacted view, exactly as a <c>read:trace</c> reader would, and nothing that writes, signs
/// or exports opens to it. A refused credential is not downgraded to anonymous.
/// </summary>
public sealed class AnonymousReadTests : IAsyncLifetime
{
    private const string Email = "ada.lovelace@example.org";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-anonymous-");
    private RunningHost _host = null!;
    private HttpClient _privileged = null!;
    private HttpClient _reader = null!;
    private string _a = null!;
    private string _b = null!;

    public async Task InitializeAsync()
    {
        (_host, _privileged, _reader) = await RedactingHost.StartAsync(
            _directory,
            """{"policy_version": "test-2026-12", "fields": [{"json_path": "$.customer.email", "category": "DIRECT_IDENTIFIER"}]}""",
            ("ALLOW_ANONYMOUS_READS", "true"));
        _a = Guid.NewGuid().ToString();
        _b = Guid.NewGuid().ToString();
        var nodes = new object[]
        {
            new { id = _a, type = "observation", author = "kernel", payload = new { customer = new { email = Email } } },
            new { id = _b, type = "decision", author = "kernel", payload = new { outcome = "approve" } },
        };
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/nodes", new { nodes })).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/edge", new { from = _a, to = _b, type = "causal" })).Status);
    }

    public async Task DisposeAsync()
    {
        _privileged.Dispose();
        _reader.Dispose();
        await _host.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Theory]
    [InlineData("GET", "/reason/node/{a}")]
    [InlineData("GET", "/reason/trace/{b}?direction=ancestors&depth=3")]
    [InlineData("GET", "/reason/traces/{b}")]
    [InlineData("GET", "/reason/node/{a}/explain")]
    [InlineData("GET", "/reason/trace/{b}/explain")]
    [InlineData("POST", "/reason/query")]
    public async Task ReadEndpoint_AnswersWithoutCredentials_Redacted(string method, string template)
    {
        using var anonymous = _host.Client();

        var (status, body) = await DecodedReads.ReadAsync(anonymous, method, Path(template));
        var (_, full) = await DecodedReads.ReadAsync(_privileged, method, Path(template));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(_a, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, body, StringComparison.Ordinal);
        Assert.Contains(Email, full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorSnapshot_ReadsAnonymously_ButNeitherTakingOneNorAnAuditorOne()
    {
        using var anonymous = _host.Client();
        var (_, created) = await HostApi.PostAsync(_privileged, "/reason/snapshot", new { rootNodeIds = new[] { _b } });
        var (_, auditor) = await HostApi.PostAsync(_privileged, "/reason/snapshot", new { rootNodeIds = new[] { _b }, audience = "auditor" });

        var (readStatus, read) = await HostApi.GetAsync(anonymous, $"/reason/snapshot/{created.GetProperty("snapshotId").GetString()}?format=human");
        var (auditorStatus, _) = await HostApi.GetAsync(anonymous, $"/reason/snapshot/{auditor.GetProperty("snapshotId").GetString()}");
        var (takeStatus, take) = await HostApi.PostAsync(anonymous, "/reason/snapshot", new { rootNodeIds = new[] { _b } });

        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(2, read.GetProperty("human").GetProperty("nodeCount").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, auditorStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, takeStatus);
        Assert.Contains("ALLOW_ANONYMOUS_READS", take.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reason/node")]
    [InlineData("/reason/edge")]
    public async Task Writes_StayClosed_AndWriteNothing(string path)
    {
        using var anonymous = _host.Client();
        string id = Guid.NewGuid().ToString();
        object body = path == "/reason/node" ? HostApi.Node("decision", id) : new { id, from = _a, to = _b, type = "causal" };

        var (status, answer) = await HostApi.PostAsync(anonymous, path, body);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("NOT_AUTHORIZED", HostApi.ErrorCode(answer));
        Assert.Equal(HttpStatusCode.NotFound, (await HostApi.GetAsync(_privileged, $"/reason/node/{id}")).Status);
    }

    [Fact]
    public async Task Export_StaysClosed() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await HostApi.GetAsync(_host.Client(), $"/reason/export/{_b}")).Status);

    [Fact]
    public async Task RefusedCredential_IsNotDowngradedToAnonymous()
    {
        using var forged = _host.Client(bearer: "eyJhbGciOiJub25lIn0.eyJpc3MiOiJrZXJuZWwifQ.");

        var (status, body) = await HostApi.GetAsync(forged, $"/reason/node/{_a}");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("NOT_AUTHORIZED", HostApi.ErrorCode(body));
    }

    private string Path(string template) => template.Replace("{a}", _a, StringComparison.Ordinal).Replace("{b}", _b, StringComparison.Ordinal);

    [Fact]
    public async Task OpenApiDocument_OpensTheAnonymousReads_AndNothingElse()
    {
        using var anonymous = _host.Client();
        var (_, document) = await HostApi.GetAsync(anonymous, "/openapi/v1.json");
        bool Open(string path, string method) => document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security")
            .EnumerateArray().Any(requirement => !requirement.EnumerateObject().Any());

        Assert.True(Open("/reason/traces/{id}", "get"));
        Assert.True(Open("/reason/query", "post"));
        Assert.False(Open("/reason/node", "post"));
        Assert.False(Open("/reason/snapshot", "post"));
        Assert.False(Open("/reason/export/{id}", "get"));
    }
}
