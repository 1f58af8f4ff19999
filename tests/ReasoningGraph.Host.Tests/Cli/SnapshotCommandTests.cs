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
            """{"kind":"node","id":"00000000-0000-7000-8000-000000000001","type":"observation","author":"a","createdAt":"2025-11-17T12:00:00Z","payload":{"n":1}}""",
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
