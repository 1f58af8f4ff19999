using System.Net;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// Kernel-only writes over real HTTPS with certificates made in the test: mTLS against the configured CA and CN
/// allow-list, and Kernel-signed JWTs. Every refused write must leave the store unchanged.
/// </summary>
public sealed class AuthTests : IAsyncLifetime, IDisposable
{
    private const string JwtKid = "kernel-jwt-1";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-auth-");
    private readonly Ed25519PrivateKey _jwtKey = Ed25519PrivateKey.Generate();
    private readonly Ed25519PrivateKey _strangerKey = Ed25519PrivateKey.Generate();
    private TestCertificates _pki = null!;
    private RunningHost _host = null!;

    public async Task InitializeAsync()
    {
        _pki = new TestCertificates(_directory);
        string keysFile = Path.Combine(_directory.FullName, "kernel-signers.json");
        await File.WriteAllBytesAsync(keysFile, new SignerRegistry([RegisteredSigner.ForEd25519(JwtKid, _jwtKey.PublicKey)]).ToJson());
        _host = await RunningHost.StartAsync(
            new Dictionary<string, string>(_pki.ProductionMtlsSettings())
            {
                ["KERNEL_SIGNER_KEYS_FILE"] = keysFile,
                ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            },
            _pki.Server);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        _jwtKey.Dispose();
        _strangerKey.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task KernelCertificate_WritesAndReads()
    {
        using var kernel = _host.Client(_pki.Client("kernel"));
        string id = Guid.NewGuid().ToString();

        var (status, body) = await HostApi.PostAsync(kernel, "/reason/node", HostApi.Node("decision", id));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(id, body.GetProperty("nodeId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(kernel, $"/reason/traces/{id}")).Status);
    }

    [Fact]
    public async Task CertificateFromAnotherCa_IsNotAuthorized_AndWritesNothing()
    {
        using var impostor = _host.Client(_pki.Client("kernel", _pki.OtherCa));
        await AssertRefusedAndNothingWrittenAsync(impostor, HttpStatusCode.Unauthorized, "NOT_AUTHORIZED");
    }

    [Fact]
    public async Task CertificateWithAnotherCn_IsForbidden_AndWritesNothing()
    {
        using var reader = _host.Client(_pki.Client("dashboard"));
        await AssertRefusedAndNothingWrittenAsync(reader, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task KernelCnWithoutClientAuthEku_IsNotAuthorized_AndWritesNothing()
    {
        using var noEku = _host.Client(_pki.ClientWithoutEku("kernel"));
        await AssertRefusedAndNothingWrittenAsync(noEku, HttpStatusCode.Unauthorized, "NOT_AUTHORIZED");
    }

    [Fact]
    public async Task TheCaCertificateItself_IsNotAClientCertificate()
    {
        // HttpClient's own selection skips a CA certificate, as curl does not: force it into the handshake.
        var caAsClient = _pki.CaAsClient();
        using var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _pki.Server.GetCertHashString(),
                LocalCertificateSelectionCallback = (_, _, _, _, _) => caAsClient,
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = _host.Address };

        var (status, body) = await HostApi.GetAsync(client, $"/reason/node/{Guid.NewGuid()}");
        var (write, _) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("CA certificate", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, write);
    }

    [Fact]
    public async Task NoCertificate_IsNotAuthorized_AndWritesNothing()
    {
        using var anonymous = _host.Client();
        await AssertRefusedAndNothingWrittenAsync(anonymous, HttpStatusCode.Unauthorized, "NOT_AUTHORIZED");
    }

    [Fact]
    public async Task DevPrincipalHeader_IsIgnoredOutsideDevelopment()
    {
        using var pretender = _host.Client(devPrincipal: "me");
        await AssertRefusedAndNothingWrittenAsync(pretender, HttpStatusCode.Unauthorized, "NOT_AUTHORIZED");
    }

    [Fact]
    public async Task KernelJwt_Writes()
    {
        using var client = _host.Client(bearer: KernelJwt.Create(_jwtKey, JwtKid));
        string id = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("action", id))).Status);
        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(client, $"/reason/node/{id}")).Status);
    }

    [Fact]
    public async Task Jwt_WithWrongIssuer_IsNotAuthorized() =>
        await AssertRefusedAndNothingWrittenAsync(_host.Client(bearer: KernelJwt.Create(_jwtKey, JwtKid, issuer: "someone")), HttpStatusCode.Unauthorized, "NOT_AUTHORIZED");

    [Fact]
    public async Task Jwt_WithoutWriteScope_IsForbidden() =>
        await AssertRefusedAndNothingWrittenAsync(_host.Client(bearer: KernelJwt.Create(_jwtKey, JwtKid, scope: "read:trace")), HttpStatusCode.Forbidden, "FORBIDDEN");

    [Fact]
    public async Task Jwt_SignedByAnotherKey_IsNotAuthorized() =>
        await AssertRefusedAndNothingWrittenAsync(_host.Client(bearer: KernelJwt.Create(_strangerKey, JwtKid)), HttpStatusCode.Unauthorized, "NOT_AUTHORIZED");

    [Fact]
    public async Task Jwt_Expired_IsNotAuthorized() =>
        await AssertRefusedAndNothingWrittenAsync(_host.Client(bearer: KernelJwt.Create(_jwtKey, JwtKid, expiresIn: TimeSpan.FromMinutes(-10))), HttpStatusCode.Unauthorized, "NOT_AUTHORIZED");

    [Fact]
    public async Task Health_AnswersWithoutCredentials_AndReportsMtls()
    {
        using var anonymous = _host.Client();
        var (status, health) = await HostApi.GetAsync(anonymous, "/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(health.GetProperty("mTLS").GetBoolean());
        Assert.True(health.GetProperty("kernelConfigured").GetBoolean());
        Assert.Equal(JsonValueKindString, health.GetProperty("serverCertificateExpiry").ValueKind);

        // The test certificates expire in 30 days (server) and a year (CA): seen weeks ahead on /metrics.
        string metrics = await anonymous.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        foreach (var (certificate, days) in new[] { ("server", 30), ("client_ca", 365) })
        {
            var match = System.Text.RegularExpressions.Regex.Match(metrics, $"(?m)^reasoning_graph_host_certificate_expiry_seconds\\{{[^}}]*certificate=\"{certificate}\"[^}}]*\\}} (\\S+)");
            Assert.True(match.Success, certificate);
            double seconds = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, (days - 2) * 86400.0, (days + 1) * 86400.0);
        }
    }

    private const System.Text.Json.JsonValueKind JsonValueKindString = System.Text.Json.JsonValueKind.String;

    private async Task AssertRefusedAndNothingWrittenAsync(HttpClient client, HttpStatusCode expected, string code)
    {
        using (client)
        {
            string id = Guid.NewGuid().ToString();
            var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", id));
            var (batchStatus, _) = await HostApi.PostAsync(client, "/reason/nodes", new { nodes = new[] { HostApi.Node("decision", Guid.NewGuid().ToString()) } });

            Assert.Equal(expected, status);
            Assert.Equal(expected, batchStatus);
            Assert.False(body.GetProperty("ok").GetBoolean());
            Assert.Equal(code, HostApi.ErrorCode(body));
            using var kernel = _host.Client(_pki.Client("kernel"));
            Assert.Equal(HttpStatusCode.NotFound, (await HostApi.GetAsync(kernel, $"/reason/node/{id}")).Status);
        }
    }
}
