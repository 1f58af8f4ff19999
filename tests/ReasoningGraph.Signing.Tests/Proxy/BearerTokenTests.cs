using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Proxy;

/// <summary>A proxy that requires <c>Authorization: Bearer</c>.</summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private const string Token = "rg-test-token-7f3a";
    private TestSigningProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await TestSigningProxy.StartAsync(requiredToken: Token);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task Sign_WithTheToken_SendsItAsBearerAndSucceeds()
    {
        using var signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy, o => o.ApiKey = Token));
        byte[] digest = Digests.Random();

        byte[] signature = await signer.SignAsync(digest);

        Assert.True(_proxy.Key.PublicKey.Verify(digest, signature));
        Assert.Equal("Bearer " + Token, Assert.Single(_proxy.Requests).Authorization);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Sign_WithoutTheRightToken_FailsOnceWithoutRetry(string? token)
    {
        using var signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy, o => o.ApiKey = token));

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.False(error.IsTransient);
        Assert.Contains("refused the credentials (HTTP 401)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _proxy.SignRequests);
    }
}
