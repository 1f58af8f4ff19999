using System.Net;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// <c>reasoning-graph smoke</c> run as a process against the real service on real HTTP (Development, the development
/// principal sent with <c>--header</c>, a local signing key made here): every step passes and the canary is in the
/// graph; a signer that is down, a registry with another key and missing keys each fail the step they concern (exit
/// 1); an unreadable client certificate is bad usage (exit 2).
/// </summary>
public sealed class SmokeCommandTests : IAsyncLifetime
{
    private const string SignerId = "smoke-signer-1";
    private const string DevPrincipal = "X-Local-Dev-Principal: kernel";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-smoke-");
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate(allowExport: true);
    private string _registry = null!;
    private RunningHost _host = null!;

    public async Task InitializeAsync()
    {
        string keyFile = Path.Combine(_directory.FullName, "signing-key.pem");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8Pem());
        _registry = await WriteRegistryAsync("signers.json", _key.PublicKey);
        _host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            ["SIGNING_KEY_PATH"] = keyFile,
            ["SIGNER_ID"] = SignerId,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task AgainstAHealthyService_EveryStepPasses_AndTheMarkedCanaryIsInTheGraph()
    {
        var (result, report) = await SmokeCli.RunAsync("--url", _host.Address.ToString(), "--header", DevPrincipal, "--signers", _registry);

        Assert.True(result.ExitCode == 0, SmokeCli.Failures(result, report));
        Assert.True(report.GetProperty("ok").GetBoolean());
        Assert.Equal(_host.Address.ToString(), report.GetProperty("url").GetString());
        Assert.Equal(SmokeCli.StepNames, SmokeCli.Steps(report).Keys);
        Assert.All(SmokeCli.Steps(report).Values, step =>
        {
            Assert.True(step.GetProperty("ok").GetBoolean(), step.GetProperty("detail").GetString());
            Assert.True(step.GetProperty("ms").GetInt64() >= 0);
        });
        Assert.Equal(201, SmokeCli.Steps(report)["snapshot"].GetProperty("status").GetInt32());
        Assert.Contains("verified offline", SmokeCli.Steps(report)["verify"].GetProperty("detail").GetString(), StringComparison.Ordinal);

        var canary = report.GetProperty("canary");
        Assert.NotNull(canary.GetProperty("snapshotId").GetString());
        var nodeIds = canary.GetProperty("nodeIds").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(3, nodeIds.Count);
        using var client = _host.Client(devPrincipal: "auditor");
        foreach (string id in nodeIds)
        {
            var (status, body) = await HostApi.GetAsync(client, "/reason/node/" + id);
            Assert.Equal(HttpStatusCode.OK, status);
            var node = body.GetProperty("node");
            Assert.Equal("canary:smoke", node.GetProperty("author").GetString());
            Assert.True(node.GetProperty("metadata").GetProperty("canary").GetBoolean());
            Assert.Equal(canary.GetProperty("run").GetString(), node.GetProperty("metadata").GetProperty("run").GetString());
        }
    }

    [Fact]
    public async Task ARegistryWithAnotherKey_FailsTheVerifyStep_NamingBadSignature()
    {
        using var other = Ed25519PrivateKey.Generate();
        string registry = await WriteRegistryAsync("other-signers.json", other.PublicKey);

        var (result, report) = await SmokeCli.RunAsync("--url", _host.Address.ToString(), "--header", DevPrincipal, "--signers", registry);

        Assert.Equal(1, result.ExitCode);
        Assert.False(report.GetProperty("ok").GetBoolean());
        var steps = SmokeCli.Steps(report);
        Assert.False(steps["verify"].GetProperty("ok").GetBoolean());
        Assert.Contains("bad-signature", steps["verify"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(SmokeCli.StepNames.Where(n => n != "verify"), name => Assert.True(steps[name].GetProperty("ok").GetBoolean(), name));
        Assert.Contains("verify: bad-signature", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSignersOrPublicKey_TheVerifyStepFails_NeverPassesSilently()
    {
        var (result, report) = await SmokeCli.RunAsync("--url", _host.Address.ToString(), "--header", DevPrincipal);

        Assert.Equal(1, result.ExitCode);
        var verify = SmokeCli.Steps(report)["verify"];
        Assert.False(verify.GetProperty("ok").GetBoolean());
        Assert.Contains("--signers FILE", verify.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutCredentials_TheWritesFailNamingWhatToCheck_AndTheRestIsSkipped()
    {
        var (result, report) = await SmokeCli.RunAsync("--url", _host.Address.ToString(), "--signers", _registry);

        Assert.Equal(1, result.ExitCode);
        var steps = SmokeCli.Steps(report);
        Assert.True(steps["health"].GetProperty("ok").GetBoolean());
        Assert.Equal(401, steps["write-nodes"].GetProperty("status").GetInt32());
        Assert.Contains("--cert/--key", steps["write-nodes"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(["write-edges", "trace", "explain", "snapshot", "verify", "audit"], name =>
            Assert.StartsWith("skipped:", steps[name].GetProperty("detail").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnreadableClientCertificate_IsBadUsage_AndNothingIsSent()
    {
        string missing = Path.Combine(_directory.FullName, "no-such-client.pem");

        var (result, report) = await SmokeCli.RunAsync(
            "--url", "https://127.0.0.1:1", "--cert", missing, "--key", missing, "--signers", _registry);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(default, report.ValueKind);
        Assert.Contains("no-such-client.pem", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// On PostgreSQL, where writes ride through a signer outage (deferred audit signatures) and only the snapshot
    /// waits: the embedded store signs every write's audit event inline, so there the writes would fail first.
    /// </summary>
    [Fact]
    public async Task SigningProxyDown_TheSnapshotAnswers202Pending_AndTheSnapshotStepFails()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        await using var proxy = await SwitchableSigningProxy.StartAsync();
        var proxied = _directory.CreateSubdirectory("proxied");
        string registry = await proxy.WriteRegistryAsync(proxied.FullName);
        var settings = SnapshotHostSettings.For(proxied, proxy, registry);
        settings["DATABASE_URL"] = connection;
        settings["GRAPH_ID"] = TestDatabase.NewGraphId();
        await using var host = await RunningHost.StartAsync(settings);
        proxy.Up = false;

        var (result, report) = await SmokeCli.RunAsync("--url", host.Address.ToString(), "--header", DevPrincipal, "--signers", registry);

        Assert.Equal(1, result.ExitCode);
        var steps = SmokeCli.Steps(report);
        Assert.All(["health", "ready", "write-nodes", "write-edges", "trace", "explain"], name =>
            Assert.True(steps[name].GetProperty("ok").GetBoolean(), name + ": " + steps[name].GetProperty("detail").GetString()));
        Assert.False(steps["snapshot"].GetProperty("ok").GetBoolean());
        Assert.Equal(202, steps["snapshot"].GetProperty("status").GetInt32());
        Assert.Contains("pending (SIGNING_FAILURE)", steps["snapshot"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("docs/runbooks/signer-outage.md", steps["snapshot"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("skipped: snapshot failed", steps["verify"].GetProperty("detail").GetString());
        Assert.Equal("skipped: snapshot failed", steps["audit"].GetProperty("detail").GetString());
        Assert.NotNull(report.GetProperty("canary").GetProperty("snapshotId").GetString());
    }

    [Fact]
    public void EveryRunbookTheReportNames_Exists()
    {
        string cli = Path.Combine(RepositoryPaths.Root, "samples", "Host", "Cli");
        var named = Directory.GetFiles(cli, "Smoke*.cs")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"docs/runbooks/[\w.-]+\.md"))
            .Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, path => Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, path)), path));
    }

    private async Task<string> WriteRegistryAsync(string name, Ed25519PublicKey key)
    {
        string path = Path.Combine(_directory.FullName, name);
        await File.WriteAllBytesAsync(path, new SignerRegistry([RegisteredSigner.ForEd25519(SignerId, key)]).ToJson());
        return path;
    }
}
