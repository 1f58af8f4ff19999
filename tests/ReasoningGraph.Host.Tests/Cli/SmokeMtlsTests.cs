using System.Security.Cryptography.X509Certificates;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// <c>reasoning-graph smoke</c> as the Kernel calls the production service: HTTPS with a client certificate from the
/// Kernel CA (made here, with the signing key), the server trusted through <c>--ca</c> only.
/// </summary>
public sealed class SmokeMtlsTests : IAsyncLifetime, IDisposable
{
    private const string SignerId = "smoke-mtls-1";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-smoke-mtls-");
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate(allowExport: true);
    private TestCertificates _pki = null!;
    private RunningHost _host = null!;
    private string _registry = null!;
    private string _clientCert = null!;
    private string _clientKey = null!;

    public async Task InitializeAsync()
    {
        _pki = new TestCertificates(_directory);
        string keyFile = Path.Combine(_directory.FullName, "signing-key.pem");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8Pem());
        _registry = Path.Combine(_directory.FullName, "signers.json");
        await File.WriteAllBytesAsync(_registry, new SignerRegistry([RegisteredSigner.ForEd25519(SignerId, _key.PublicKey)]).ToJson());
        (_clientCert, _clientKey) = await WriteClientAsync("kernel");
        _host = await RunningHost.StartAsync(
            new Dictionary<string, string>(_pki.ProductionMtlsSettings())
            {
                ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
                ["SIGNING_KEY_PATH"] = keyFile,
                ["SIGNER_ID"] = SignerId,
            },
            _pki.Server);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task OverMutualTls_WithTheKernelsCertificate_EveryStepPasses()
    {
        var (result, report) = await SmokeCli.RunAsync(
            "--url", _host.Address.ToString(), "--cert", _clientCert, "--key", _clientKey, "--ca", _pki.CaFile, "--signers", _registry);

        Assert.True(result.ExitCode == 0, SmokeCli.Failures(result, report));
        Assert.Equal(SmokeCli.StepNames, SmokeCli.Steps(report).Keys);
        Assert.All(SmokeCli.Steps(report).Values, step => Assert.True(step.GetProperty("ok").GetBoolean(), step.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ConnectTo_ReachesTheServiceUnderTheUrlsHostName()
    {
        // The URL names a port nothing listens on: only --connect-to can reach the service, verified as 'localhost'.
        var (result, report) = await SmokeCli.RunAsync(
            "--url", "https://localhost:1", "--connect-to", $"127.0.0.1:{_host.Address.Port}",
            "--cert", _clientCert, "--key", _clientKey, "--ca", _pki.CaFile, "--signers", _registry);

        Assert.True(result.ExitCode == 0, SmokeCli.Failures(result, report));
    }

    [Fact]
    public async Task WithoutTheCa_TheServerIsNotTrusted_AndTheReportSaysToCheckCa()
    {
        var (result, report) = await SmokeCli.RunAsync(
            "--url", _host.Address.ToString(), "--cert", _clientCert, "--key", _clientKey, "--signers", _registry);

        Assert.Equal(1, result.ExitCode);
        var health = SmokeCli.Steps(report)["health"];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, health.GetProperty("status").ValueKind);
        Assert.Contains("check --ca", health.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACertificateWhoseCnMayNotWrite_FailsTheWritesWithWhatToCheck()
    {
        var (cert, key) = await WriteClientAsync("dashboard");

        var (result, report) = await SmokeCli.RunAsync("--url", _host.Address.ToString(), "--cert", cert, "--key", key, "--ca", _pki.CaFile, "--signers", _registry);

        Assert.Equal(1, result.ExitCode);
        var writes = SmokeCli.Steps(report)["write-nodes"];
        Assert.Equal(403, writes.GetProperty("status").GetInt32());
        Assert.Contains("KERNEL_TRUSTED_CN", writes.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A client certificate from the test CA with subject CN <paramref name="cn"/>, as the PEM files --cert and --key read.</summary>
    private async Task<(string Certificate, string Key)> WriteClientAsync(string cn)
    {
        var certificate = _pki.Client(cn);
        string certificateFile = Path.Combine(_directory.FullName, cn + ".pem"), keyFile = Path.Combine(_directory.FullName, cn + ".key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}
