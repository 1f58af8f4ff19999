using System.Text;
using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary><c>reasoning-graph snapshot</c> from a graph file: a document that <c>verify-snapshot</c> accepts, and the refusals.</summary>
public sealed class SnapshotCommandTests : IAsyncLifetime
{
    private const string Root = "00000000-0000-7000-8000-000000000002";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-snapshot-");
    private string _keys = null!;
    private string _graph = null!;

    public async Task InitializeAsync()
    {
        _keys = Path.Combine(_directory.FullName, "keys");
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", _keys, "--signer-id", "ops-1"])).ExitCode);
        _graph = Path.Combine(_directory.FullName, "graph.jsonl");
        await File.WriteAllTextAsync(_graph, string.Join('\n',
            """{"kind":"node","id":"00000000-0000-7000-8000-000000000001","type":"observation","author":"a","createdAt":"2025-11-17T12:00:00Z","payload":{"n":1,"customer":{"email":"ada@example.com","zip":"10115"}}}""",
            """{"kind":"node","id":"00000000-0000-7000-8000-000000000002","type":"decision","author":"a","createdAt":"2025-11-17T12:00:01Z","payload":{"ok":true}}""",
            """{"kind":"node","id":"00000000-0000-7000-8000-000000000003","type":"action","author":"a","createdAt":"2025-11-17T12:00:02Z","payload":{}}""",
            """{"kind":"edge","id":"00000000-0000-7000-8000-000000000012","from":"00000000-0000-7000-8000-000000000001","to":"00000000-0000-7000-8000-000000000002","type":"causal"}""",
            """{"kind":"edge","id":"00000000-0000-7000-8000-000000000023","from":"00000000-0000-7000-8000-000000000002","to":"00000000-0000-7000-8000-000000000003","type":"causal"}"""));
    }

    public Task DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private string Out => Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + ".json");

    private string Key => Path.Combine(_keys, "signing-key.pem");

    [Fact]
    public async Task Snapshot_WritesADocumentThatVerifySnapshotAccepts()
    {
        string output = Out;
        var result = await CliProcess.RunAsync(["snapshot", "--graph", _graph, "--root", Root, "--depth", "1", "--key", Key, "--signer-id", "ops-1", "--out", output]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var summary = JsonDocument.Parse(result.StandardOutput).RootElement;
        Assert.Equal("signed", summary.GetProperty("status").GetString());
        Assert.Equal("ops-1", summary.GetProperty("signerId").GetString());

        var document = JsonDocument.Parse(File.ReadAllBytes(output)).RootElement;
        Assert.Equal(summary.GetProperty("hash").GetString(), document.GetProperty("hash").GetString());
        Assert.Equal(3, document.GetProperty("payload").GetProperty("nodes").GetArrayLength());
        Assert.Equal("operator", document.GetProperty("payload").GetProperty("audience").GetString());

        var verify = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", output, "--signers", Path.Combine(_keys, "signers.json")]);
        Assert.True(verify.ExitCode == 0, verify.StandardError);

        byte[] tampered = File.ReadAllBytes(output);
        string text = Encoding.UTF8.GetString(tampered).Replace("\"ok\":true", "\"ok\":false", StringComparison.Ordinal);
        File.WriteAllText(output, text);
        Assert.Equal(1, (await CliProcess.RunAsync(["verify-snapshot", "--snapshot", output, "--signers", Path.Combine(_keys, "signers.json")])).ExitCode);
    }

    [Fact]
    public async Task Auditor_NeedsExportPii()
    {
        string output = Out;
        var refused = await CliProcess.RunAsync(["snapshot", "--graph", _graph, "--root", Root, "--audience", "auditor", "--key", Key, "--out", output]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("FORBIDDEN", refused.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var allowed = await CliProcess.RunAsync(["snapshot", "--graph", _graph, "--root", Root, "--audience", "auditor", "--export-pii", "--key", Key, "--out", output]);
        Assert.True(allowed.ExitCode == 0, allowed.StandardError);
        Assert.True(JsonDocument.Parse(File.ReadAllBytes(output)).RootElement.GetProperty("payload").GetProperty("pii_included").GetBoolean());
    }

    [Fact]
    public async Task PiiCatalog_OperatorSnapshotIsBuiltFromRedactedContent_AuditorsStillSeeEverything()
    {
        string catalog = await CatalogAsync();
        string output = Out;
        var result = await CliProcess.RunAsync(
            ["snapshot", "--graph", _graph, "--root", Root, "--pii-catalog", catalog, "--key", Key, "--signer-id", "ops-1", "--out", output], environment: Salt);
        Assert.True(result.ExitCode == 0, result.StandardError);
        string text = File.ReadAllText(output);
        Assert.DoesNotContain("ada@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("10115", text, StringComparison.Ordinal);
        Assert.Contains("\"email\":\"[REDACTED:EMAIL]\"", text, StringComparison.Ordinal);
        Assert.Contains("\"zip\":\"sha256:salt-1:", text, StringComparison.Ordinal);
        var payload = JsonDocument.Parse(text).RootElement.GetProperty("payload");
        Assert.False(payload.GetProperty("pii_included").GetBoolean());
        Assert.Equal("policy-7", payload.GetProperty("pii_policy_version").GetString());
        var verify = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", output, "--signers", Path.Combine(_keys, "signers.json")]);
        Assert.True(verify.ExitCode == 0, verify.StandardError);

        // PII_HASH depends on the salt only: the same catalog and salt redact the nodes identically in every run.
        string again = Out;
        Assert.Equal(0, (await CliProcess.RunAsync(
            ["snapshot", "--graph", _graph, "--root", Root, "--pii-catalog", catalog, "--key", Key, "--out", again], environment: Salt)).ExitCode);
        Assert.Equal(
            JsonDocument.Parse(text).RootElement.GetProperty("payload").GetProperty("nodes").GetRawText(),
            JsonDocument.Parse(File.ReadAllBytes(again)).RootElement.GetProperty("payload").GetProperty("nodes").GetRawText());

        string auditor = Out;
        var allowed = await CliProcess.RunAsync(
            ["snapshot", "--graph", _graph, "--root", Root, "--audience", "auditor", "--export-pii", "--pii-catalog", catalog, "--key", Key, "--out", auditor],
            environment: Salt);
        Assert.True(allowed.ExitCode == 0, allowed.StandardError);
        Assert.Contains("ada@example.com", File.ReadAllText(auditor), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("bad-catalog")]
    [InlineData("no-salt")]
    [InlineData("bad-salt")]
    public async Task PiiCatalog_Unusable_ExitsTwoAndWritesNothing(string problem)
    {
        string catalog = await CatalogAsync();
        if (problem == "bad-catalog")
        {
            await File.WriteAllTextAsync(catalog, """{"policy_version":"p","fields":[{"json_path":"$.email","category":"SECRET"}]}""");
        }

        var environment = problem switch
        {
            "no-salt" => new Dictionary<string, string> { ["PII_SALT"] = "", ["PII_SALT_ID"] = "" },
            "bad-salt" => new Dictionary<string, string> { ["PII_SALT"] = "not base64!", ["PII_SALT_ID"] = "salt-1" },
            _ => Salt,
        };
        string output = Out;
        var result = await CliProcess.RunAsync(
            ["snapshot", "--graph", _graph, "--root", Root, "--pii-catalog", problem == "missing-file" ? catalog + ".missing" : catalog, "--key", Key, "--out", output],
            environment: environment);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pii-catalog", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static Dictionary<string, string> Salt => new()
    {
        ["PII_SALT"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("a salt of at least sixteen bytes")), ["PII_SALT_ID"] = "salt-1",
    };

    private async Task<string> CatalogAsync()
    {
        string path = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + "-catalog.json");
        await File.WriteAllTextAsync(path, """
            {"policy_version": "policy-7", "fields": [
              {"json_path": "$.customer.email", "category": "DIRECT_IDENTIFIER"},
              {"json_path": "$..zip", "category": "QUASI_IDENTIFIER"}
            ]}
            """);
        return path;
    }

    [Theory]
    [InlineData("missing-root")]
    [InlineData("two-signers")]
    [InlineData("no-signer")]
    [InlineData("bad-key")]
    public async Task BadInput_ExitsTwoAndWritesNothing(string problem)
    {
        string output = Out;
        string[] arguments = problem switch
        {
            "missing-root" => ["snapshot", "--graph", _graph, "--root", "00000000-0000-7000-8000-000000000099", "--key", Key, "--out", output],
            "two-signers" => ["snapshot", "--graph", _graph, "--root", Root, "--key", Key, "--signing-proxy", "http://127.0.0.1:1", "--out", output],
            "no-signer" => ["snapshot", "--graph", _graph, "--root", Root, "--out", output],
            _ => ["snapshot", "--graph", _graph, "--root", Root, "--key", _graph, "--out", output],
        };
        var result = await CliProcess.RunAsync(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task UnreachableSigningProxy_IsASigningFailureWithNoLocalFallback()
    {
        string output = Out;
        var result = await CliProcess.RunAsync(["snapshot", "--graph", _graph, "--root", Root, "--signing-proxy", "http://127.0.0.1:1", "--signer-id", "kms-1", "--out", output]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SIGNING_FAILURE", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
