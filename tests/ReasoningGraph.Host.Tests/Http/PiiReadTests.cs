using System.Net;
using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// PII-safe reads over real HTTP: with a catalog configured (PII_CATALOG_FILE, PII_SALT, PII_SALT_ID) every read
/// path answers a caller without <c>read:pii</c> differently from one with it, and no catalogued value reaches the
/// former; operator snapshots are redacted, auditor snapshots are not.
/// </summary>
public sealed class PiiReadTests : IAsyncLifetime
{
    private const string Email = "ada.lovelace@example.org";
    private const string Ssn = "078-05-1120";
    private const string Phone = "+44 20 7946 0958";
    private const string ContactEmail = "charles.babbage@example.org";
    private static readonly string[] Catalogued = [Email, Ssn, Phone, ContactEmail];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-pii-");
    private RunningHost _host = null!;
    private HttpClient _privileged = null!;
    private HttpClient _reader = null!;
    private string _a = null!;
    private string _b = null!;

    public async Task InitializeAsync()
    {
        (_host, _privileged, _reader) = await RedactingHost.StartAsync(_directory, """
            {"policy_version": "test-2026-11", "fields": [
              {"json_path": "$.customer.email", "category": "DIRECT_IDENTIFIER"},
              {"json_path": "$..ssn", "category": "SENSITIVE"},
              {"json_path": "$.customer.phone", "category": "QUASI_IDENTIFIER"},
              {"json_path": "$..contactEmail", "category": "DIRECT_IDENTIFIER"}
            ]}
            """);

        _a = Guid.NewGuid().ToString();
        _b = Guid.NewGuid().ToString();
        var nodes = new object[]
        {
            new { id = _a, type = "observation", author = "kernel", payload = new { customer = new { email = Email, phone = Phone, ssn = Ssn }, score = 0.7 }, metadata = new { contactEmail = ContactEmail } },
            new { id = _b, type = "decision", author = "kernel", payload = new { outcome = "approve", applicant = new { ssn = Ssn } } },
        };
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/nodes", new { nodes })).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, "/reason/edge", new { from = _a, to = _b, type = "causal", metadata = new { contactEmail = ContactEmail } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_privileged, $"/reason/node/{_b}/annotations", new { annotationType = "note", author = "auditor", payload = new { customer = new { email = Email } } })).Status);
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
    [InlineData("GET", "/reason/node/{b}")]
    [InlineData("GET", "/reason/trace/{a}?direction=descendants&depth=3")]
    [InlineData("GET", "/reason/trace/{b}?direction=ancestors&depth=3")]
    [InlineData("GET", "/reason/traces/{b}")]
    [InlineData("GET", "/reason/node/{b}/explain")]
    [InlineData("GET", "/reason/trace/{b}/explain")]
    [InlineData("POST", "/reason/query")]
    [InlineData("GET", "/reason/export/{b}")]
    [InlineData("GET", "/reason/export/{b}?format=canonical")]
    [InlineData("GET", "/reason/export/{b}?format=human")]
    public async Task ReadPath_WithoutReadPii_DiffersAndLeaksNoCataloguedValue(string method, string template)
    {
        string path = template.Replace("{a}", _a, StringComparison.Ordinal).Replace("{b}", _b, StringComparison.Ordinal);

        string full = await ReadAsync(_privileged, method, path);
        string redacted = await ReadAsync(_reader, method, path);

        Assert.NotEqual(full, redacted);
        Assert.Contains(Catalogued, full.Contains);
        Assert.All(Catalogued, value => Assert.DoesNotContain(value, redacted, StringComparison.Ordinal));
        Assert.Contains(_b, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeRead_ShowsEachModeOfTheCatalog()
    {
        using var body = JsonDocument.Parse(await ReadAsync(_reader, "GET", $"/reason/node/{_a}"));
        var node = body.RootElement.GetProperty("node");
        var customer = node.GetProperty("payload").GetProperty("customer");

        Assert.Equal("[REDACTED:EMAIL]", customer.GetProperty("email").GetString());
        Assert.StartsWith("sha256:salt-1:", customer.GetProperty("phone").GetString(), StringComparison.Ordinal);
        Assert.False(customer.TryGetProperty("ssn", out _));
        Assert.Equal(0.7, node.GetProperty("payload").GetProperty("score").GetDouble());
        Assert.Equal("[REDACTED:CONTACT_EMAIL]", node.GetProperty("metadata").GetProperty("contactEmail").GetString());
    }

    [Fact]
    public async Task OperatorSnapshot_IsRedacted_AuditorSnapshot_IsNot()
    {
        string operatorDocument = await SnapshotAsync("operator");
        string auditorDocument = await SnapshotAsync("auditor");

        Assert.All(Catalogued, value => Assert.DoesNotContain(value, operatorDocument, StringComparison.Ordinal));
        Assert.Contains("\"pii_policy_version\":\"test-2026-11\"", operatorDocument, StringComparison.Ordinal);
        Assert.All(Catalogued, value => Assert.Contains(value, auditorDocument, StringComparison.Ordinal));
    }

    private async Task<string> SnapshotAsync(string audience)
    {
        var (status, created) = await HostApi.PostAsync(_privileged, "/reason/snapshot", new { rootNodeIds = new[] { _b }, audience });
        Assert.Equal(HttpStatusCode.Created, status);
        var (_, fetched) = await HostApi.GetAsync(_privileged, "/reason/snapshot/" + created.GetProperty("snapshotId").GetString());
        return fetched.GetProperty("snapshot").GetRawText();
    }

    private static async Task<string> ReadAsync(HttpClient client, string method, string path)
    {
        var (status, text) = await DecodedReads.ReadAsync(client, method, path);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {(int)status} {text}");
        return text;
    }
}
