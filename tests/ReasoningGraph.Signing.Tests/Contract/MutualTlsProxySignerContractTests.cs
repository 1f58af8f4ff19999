using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Tests.Proxy;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Contract;

/// <summary>The signer contract for the signing-proxy client over HTTPS with a client certificate.</summary>
public sealed class MutualTlsProxySignerContractTests : DigestSignerContract
{
    private readonly TestCertificates _pki = TestCertificates.Create();
    private TestSigningProxy _proxy = null!;

    public override async Task InitializeAsync()
    {
        _proxy = await TestSigningProxy.StartAsync(_pki);
        Signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy, options =>
        {
            options.ClientCertificate = _pki.Client;
            options.TrustedRootCertificates.Add(_pki.Authority);
        }));
        PublicKey = _proxy.Key.PublicKey;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _proxy.DisposeAsync();
        _pki.Dispose();
    }
}
