using System.Security.Cryptography.X509Certificates;
using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Tests.Support;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Signing.Tests.Proxy;

/// <summary>A proxy on HTTPS that requires a client certificate from the test CA; both sides trust only that CA.</summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _pki = TestCertificates.Create();
    private TestSigningProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await TestSigningProxy.StartAsync(_pki);

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _pki.Dispose();
    }

    private SigningProxyOptions Options(Action<SigningProxyOptions>? configure = null) => SigningProxySignerTests.Options(_proxy, options =>
    {
        options.ClientCertificate = _pki.Client;
        options.TrustedRootCertificates.Add(_pki.Authority);
        options.MaxRetryAttempts = 1;
        configure?.Invoke(options);
    });

    [Fact]
    public async Task Sign_OverHttpsWithClientCertificate_Succeeds()
    {
        Assert.Equal("https", _proxy.Url.Scheme);
        using var signer = new SigningProxySigner(Options());
        byte[] digest = Digests.Random();

        byte[] signature = await signer.SignAsync(digest);

        Assert.True(_proxy.Key.PublicKey.Verify(digest, signature));
        Assert.Equal("CN=reasoning-graph", Assert.Single(_proxy.Requests).ClientCertificateSubject);
    }

    [Fact]
    public async Task Sign_ClientCertificateAndTrustFromPemFiles_Succeeds()
    {
        var directory = Directory.CreateTempSubdirectory("rg-mtls-");
        try
        {
            string certificate = Path.Combine(directory.FullName, "client.crt");
            string key = Path.Combine(directory.FullName, "client.key.pem");
            string authority = Path.Combine(directory.FullName, "ca.crt");
            await File.WriteAllTextAsync(certificate, _pki.Client.ExportCertificatePem());
            await File.WriteAllTextAsync(key, _pki.Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(authority, _pki.Authority.ExportCertificatePem());
            using var signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy, options =>
            {
                options.ClientCertificatePath = certificate;
                options.ClientCertificateKeyPath = key;
                options.TrustedRootCertificatesPath = authority;
            }));

            Assert.Equal(64, (await signer.SignAsync(Digests.Random())).Length);
            Assert.Equal("CN=reasoning-graph", Assert.Single(_proxy.Requests).ClientCertificateSubject);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sign_WithoutClientCertificate_IsRefusedAndFails()
    {
        using var signer = new SigningProxySigner(Options(o => o.ClientCertificate = null));

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.Equal(0, _proxy.SignRequests);
    }

    [Fact]
    public async Task Sign_ClientCertificateFromAnotherCa_IsRefusedAndFails()
    {
        using var stranger = TestCertificates.Create("Some Other CA");
        using var signer = new SigningProxySigner(Options(o => o.ClientCertificate = stranger.Client));

        await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));
        Assert.Equal(0, _proxy.SignRequests);
    }

    [Fact]
    public async Task Sign_ServerCertificateNotFromTheTrustedCa_IsRejectedByTheClient()
    {
        using var stranger = TestCertificates.Create("Some Other CA");
        using var signer = new SigningProxySigner(Options(o =>
        {
            o.TrustedRootCertificates.Clear();
            o.TrustedRootCertificates.Add(stranger.Authority);
        }));

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.Equal(0, _proxy.SignRequests);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public void Options_CertificateWithoutPrivateKey_IsReported()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(_pki.Client.RawData);

        var error = Assert.Throws<ArgumentException>(() => new SigningProxySigner(Options(o => o.ClientCertificate = publicOnly)));

        Assert.Contains("no private key", error.Message, StringComparison.Ordinal);
    }
}
