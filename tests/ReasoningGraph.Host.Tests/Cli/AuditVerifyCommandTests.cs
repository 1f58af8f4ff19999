using System.Text.Json;
using Npgsql;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Model;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// <c>reasoning-graph snapshot --database-url</c> and <c>audit-verify</c> against a real PostgreSQL
/// (<c>REASONING_GRAPH_TEST_DATABASE_URL</c>; these tests do nothing without it unless <c>CI=true</c>, where they fail).
/// </summary>
public sealed class AuditVerifyCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-audit-");
    private readonly string _schema = "rg_cli_" + Guid.NewGuid().ToString("N")[..10];
    private string? _url;
    private string _keys = null!;

    private static string? Database => TestDatabase.ConnectionStringOrSkip();

    public async Task InitializeAsync()
    {
        _url = Database;
        _keys = Path.Combine(_directory.FullName, "keys");
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", _keys, "--signer-id", "db-1"])).ExitCode);
        if (_url is null)
        {
            return;
        }

        Assert.Equal(0, (await CliProcess.RunAsync(["migrate", "--database-url", _url, "--schema", _schema])).ExitCode);
        using var signer = LocalEd25519Signer.FromFile(Path.Combine(_keys, "signing-key.pem"), "db-1");
        await using var store = new PostgresGraphStore(new PostgresStoreOptions { ConnectionString = _url, Schema = _schema }, signer);
        var payload = JsonDocument.Parse("{\"n\":1}").RootElement;
        for (int i = 1; i <= 4; i++)
        {
            await store.AppendAsync([new NodeInput { Id = Id(i), Type = "observation", Author = "agent:test", Payload = payload }]);
        }
    }

    public async Task DisposeAsync()
    {
        if (_url is not null)
        {
            await Execute($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
        }

        _directory.Delete(recursive: true);
    }

    private static Guid Id(int n) => new($"00000000-0000-7000-8000-{n:D12}");

    private Task<CliResult> AuditVerifyAsync() =>
        CliProcess.RunAsync(["audit-verify", "--database-url", _url!, "--schema", _schema, "--signers", Path.Combine(_keys, "signers.json")]);

    private async Task Execute(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_url!);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Migrate_ForASecondGraphInTheSchema_WarnsThatTheKernelsToolWouldSeeOneBrokenChain()
    {
        if (_url is null)
        {
            return;
        }

        var again = await CliProcess.RunAsync(["migrate", "--database-url", _url, "--schema", _schema]);
        var second = await CliProcess.RunAsync(["migrate", "--database-url", _url, "--schema", _schema, "--graph-id", "tenant-b"]);

        Assert.Equal(0, again.ExitCode);
        Assert.Empty(JsonDocument.Parse(again.StandardOutput).RootElement.GetProperty("otherAuditChains").EnumerateArray());
        Assert.DoesNotContain("warning", again.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(["default"], JsonDocument.Parse(second.StandardOutput).RootElement.GetProperty("otherAuditChains").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("warning: schema " + _schema + " also holds the audit chains of default", second.StandardError, StringComparison.Ordinal);
        Assert.Contains("schema of its own", second.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotIntoTheDatabase_ThenTheChainVerifies_AndATamperedPayloadIsNamed()
    {
        if (_url is null)
        {
            return;
        }

        string output = Path.Combine(_directory.FullName, "s.json");
        var snapshot = await CliProcess.RunAsync(["snapshot", "--database-url", _url, "--schema", _schema, "--root", Id(2).ToString(),
            "--key", Path.Combine(_keys, "signing-key.pem"), "--signer-id", "db-1", "--out", output]);
        Assert.True(snapshot.ExitCode == 0, snapshot.StandardError);
        string auditEvent = JsonDocument.Parse(snapshot.StandardOutput).RootElement.GetProperty("auditEventId").GetString()!;

        var verified = await AuditVerifyAsync();
        Assert.True(verified.ExitCode == 0, verified.StandardError);
        var verdict = JsonDocument.Parse(verified.StandardOutput).RootElement;
        Assert.True(verdict.GetProperty("verified").GetBoolean());
        Assert.Equal(5, verdict.GetProperty("verifiedCount").GetInt64());

        await Execute($"UPDATE \"{_schema}\".audit_events SET payload = jsonb_set(payload, '{{actor}}', '\"mallory\"') WHERE id = '{auditEvent}'");
        var failed = await AuditVerifyAsync();
        Assert.Equal(1, failed.ExitCode);
        var bad = JsonDocument.Parse(failed.StandardOutput).RootElement;
        Assert.Equal(auditEvent, bad.GetProperty("failedEventId").GetString());
        Assert.Equal("hash-mismatch", bad.GetProperty("reason").GetString());
        Assert.Contains(auditEvent, failed.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemEditedInTheDatabase_IsNamed_ThoughTheChainItselfIsIntact()
    {
        if (_url is null)
        {
            return;
        }

        Assert.Equal(0, (await AuditVerifyAsync()).ExitCode);
        await Execute($"UPDATE \"{_schema}\".nodes SET payload = '{{\"n\":2}}', payload_raw = convert_to('{{\"n\":2}}', 'UTF8') WHERE id = '{Id(3)}'");

        var failed = await AuditVerifyAsync();

        Assert.Equal(1, failed.ExitCode);
        var items = JsonDocument.Parse(failed.StandardOutput).RootElement.GetProperty("items");
        Assert.Equal(4, items.GetProperty("checked").GetInt64());
        var problem = Assert.Single(items.GetProperty("problems").EnumerateArray());
        Assert.Equal("hash-mismatch", problem.GetProperty("kind").GetString());
        Assert.Equal(Id(3).ToString(), problem.GetProperty("entityId").GetString());
        Assert.Contains(Id(3).ToString(), failed.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedLastEvent_IsCaught_ByItsItem_OrByTheHeadTheAuditorKept()
    {
        if (_url is null)
        {
            return;
        }

        var before = JsonDocument.Parse((await AuditVerifyAsync()).StandardOutput).RootElement;
        string head = before.GetProperty("lastHash").GetString()!;
        await Execute($"DELETE FROM \"{_schema}\".audit_events WHERE hash = '{head}'");

        var plain = await AuditVerifyAsync();
        var withHead = await CliProcess.RunAsync(["audit-verify", "--database-url", _url, "--schema", _schema, "--signers", Path.Combine(_keys, "signers.json"), "--expect-head", head]);
        var withCount = await CliProcess.RunAsync(["audit-verify", "--database-url", _url, "--schema", _schema, "--signers", Path.Combine(_keys, "signers.json"), "--min-events", "4", "--limit", "10"]);

        Assert.Equal(1, plain.ExitCode);
        Assert.Equal("missing-event", JsonDocument.Parse(plain.StandardOutput).RootElement.GetProperty("items").GetProperty("problems")[0].GetProperty("kind").GetString());
        Assert.Equal(1, withHead.ExitCode);
        Assert.Equal("head-missing", JsonDocument.Parse(withHead.StandardOutput).RootElement.GetProperty("reason").GetString());
        Assert.Equal(1, withCount.ExitCode);
        Assert.Contains("too-few-events", withCount.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableRegistry_IsBadInput()
    {
        var result = await CliProcess.RunAsync(["audit-verify", "--database-url", _url ?? "Host=127.0.0.1;Port=1", "--signers", Path.Combine(_directory.FullName, "missing.json")]);
        Assert.Equal(2, result.ExitCode);
    }
}
