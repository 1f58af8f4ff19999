using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Signing.Tests.Support;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Signing.Tests.Proxy;

/// <summary>The signing-proxy client against a real proxy over plain HTTP: protocol, retries, timeouts, validation, fail-closed.</summary>
public sealed class SigningProxySignerTests : IAsyncLifetime
{
    private TestSigningProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await TestSigningProxy.StartAsync();

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    internal static SigningProxyOptions Options(TestSigningProxy proxy, Action<SigningProxyOptions>? configure = null)
    {
        var options = new SigningProxyOptions
        {
            Url = proxy.Url,
            SignerId = proxy.SignerId,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = 3,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task Sign_ReturnsTheProxysSignatureOverTheDigest()
    {
        using var signer = new SigningProxySigner(Options(_proxy, o => o.KeyId = "key-a"));
        byte[] digest = Digests.Random();

        byte[] signature = await signer.SignAsync(digest);

        Assert.Equal(64, signature.Length);
        Assert.True(_proxy.Key.PublicKey.Verify(digest, signature));
        var request = Assert.Single(_proxy.Requests);
        Assert.Equal(Convert.ToBase64String(digest), request.Json.GetProperty("payload_b64").GetString());
        Assert.Equal("key-a", request.Json.GetProperty("key_id").GetString());
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Sign_WithoutKeyId_OmitsKeyIdFromTheRequest()
    {
        using var signer = new SigningProxySigner(Options(_proxy));

        await signer.SignAsync(Digests.Random());

        Assert.False(Assert.Single(_proxy.Requests).Json.TryGetProperty("key_id", out _));
    }

    [Fact]
    public async Task Sign_ServerErrorThenSuccess_IsRetried()
    {
        _proxy.Behavior = attempt => attempt <= 2 ? ProxyBehavior.Fail500 : ProxyBehavior.Sign;
        using var signer = new SigningProxySigner(Options(_proxy));
        byte[] digest = Digests.Random();

        byte[] signature = await signer.SignAsync(digest);

        Assert.Equal(3, _proxy.SignRequests);
        Assert.True(_proxy.Key.PublicKey.Verify(digest, signature));
    }

    [Theory]
    [InlineData(ProxyBehavior.Fail500)]
    [InlineData(ProxyBehavior.Fail503)]
    public async Task Sign_AlwaysServerError_FailsTransientlyAfterEveryAttempt(ProxyBehavior behavior)
    {
        _proxy.Behavior = _ => behavior;
        using var signer = new SigningProxySigner(Options(_proxy, o => o.MaxRetryAttempts = 2));

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Equal(3, _proxy.SignRequests);
        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ProxyHangs_TimesOutPerAttemptAndFailsTransiently()
    {
        _proxy.Behavior = _ => ProxyBehavior.Hang;
        using var signer = new SigningProxySigner(Options(_proxy, o =>
        {
            // Long enough that the retry's request reaches the proxy before its own timeout even on a busy machine (at
            // 300 ms a loaded run once saw the second attempt cancelled before the proxy counted it).
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetryAttempts = 1;
        }));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.True(error.IsTransient);
        Assert.Contains("no answer within", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _proxy.SignRequests);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1_900), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Sign_HangThenSuccess_RetriesAfterTheTimeout()
    {
        _proxy.Behavior = attempt => attempt == 1 ? ProxyBehavior.Hang : ProxyBehavior.Sign;
        // Long enough that the second (answering) attempt never times out too on a machine busy with the other test
        // assemblies (at 300 ms it sometimes did, and a third request was made).
        using var signer = new SigningProxySigner(Options(_proxy, o => o.AttemptTimeout = TimeSpan.FromSeconds(1.5)));

        byte[] signature = await signer.SignAsync(Digests.Random());

        Assert.Equal(64, signature.Length);
        Assert.Equal(2, _proxy.SignRequests);
    }

    [Theory]
    [InlineData(ProxyBehavior.Garbage, "not JSON")]
    [InlineData(ProxyBehavior.ShortSignature, "holds 32 bytes")]
    [InlineData(ProxyBehavior.NotBase64, "not standard base64")]
    [InlineData(ProxyBehavior.WrongSignerId, "signed as 'proxy-key-1-other'")]
    [InlineData(ProxyBehavior.BadRequest, "HTTP 400")]
    public async Task Sign_InvalidAnswer_FailsWithoutRetryAndWithoutSignature(ProxyBehavior behavior, string reason)
    {
        _proxy.Behavior = _ => behavior;
        using var signer = new SigningProxySigner(Options(_proxy));

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _proxy.SignRequests);
    }

    [Fact]
    public async Task Sign_SignatureThatDoesNotVerifyWithTheRegisteredKey_Fails()
    {
        _proxy.Behavior = _ => ProxyBehavior.ForeignSignature;
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519(_proxy.SignerId, _proxy.Key.PublicKey)]);
        using var signer = new SigningProxySigner(Options(_proxy), registry);

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.False(error.IsTransient);
        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_WithRegistry_AcceptsTheProxysGenuineSignature()
    {
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519(_proxy.SignerId, _proxy.Key.PublicKey)]);
        using var signer = new SigningProxySigner(Options(_proxy), registry);
        byte[] digest = Digests.Random();

        byte[] signature = await signer.SignAsync(digest);

        Assert.True(registry.Verify(signer.SignerId, digest, signature));
    }

    [Fact]
    public async Task Sign_ProxyNotListening_FailsTransiently()
    {
        var url = _proxy.Url;
        await _proxy.DisposeAsync();
        _proxy = await TestSigningProxy.StartAsync();
        using var signer = new SigningProxySigner(new SigningProxyOptions
        {
            Url = url, SignerId = "k", MaxRetryAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        });

        var error = await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(Digests.Random()));

        Assert.True(error.IsTransient);
        Assert.Contains("not reachable after 2 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_CallerCancels_ThrowsCancellationNotSigningFailure()
    {
        _proxy.Behavior = _ => ProxyBehavior.Hang;
        using var signer = new SigningProxySigner(Options(_proxy));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await signer.SignAsync(Digests.Random(), cancel.Token));
        Assert.Equal(1, _proxy.SignRequests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(64)]
    public async Task Sign_DigestOfWrongLength_IsRejectedBeforeAnyRequest(int length)
    {
        using var signer = new SigningProxySigner(Options(_proxy));

        await Assert.ThrowsAsync<ArgumentException>(async () => await signer.SignAsync(new byte[length]));
        Assert.Equal(0, _proxy.SignRequests);
    }

    [Fact]
    public async Task VerifyRemote_ReturnsTheProxysVerdict()
    {
        using var signer = new SigningProxySigner(Options(_proxy));
        byte[] digest = Digests.Random();
        byte[] signature = await signer.SignAsync(digest);
        byte[] tampered = (byte[])signature.Clone();
        tampered[5] ^= 1;

        Assert.True(await signer.VerifyRemoteAsync(digest, signature));
        Assert.False(await signer.VerifyRemoteAsync(digest, tampered));
        Assert.False(await signer.VerifyRemoteAsync(digest, signature, "someone-else"));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new SigningProxySigner(new SigningProxyOptions
        {
            Url = new Uri("ftp://proxy/"),
            AttemptTimeout = TimeSpan.Zero,
            MaxRetryAttempts = 11,
        }));

        Assert.Contains("absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("SignerId or KeyId", error.Message, StringComparison.Ordinal);
        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetryAttempts", error.Message, StringComparison.Ordinal);
    }
}
