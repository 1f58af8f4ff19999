using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Tests.Proxy;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Contract;

/// <summary>The signer contract for the signing-proxy client over plain HTTP.</summary>
public sealed class ProxySignerContractTests : DigestSignerContract
{
    private TestSigningProxy _proxy = null!;

    public override async Task InitializeAsync()
    {
        _proxy = await TestSigningProxy.StartAsync();
        Signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy));
        PublicKey = _proxy.Key.PublicKey;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _proxy.DisposeAsync();
    }
}
