using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Signing.Health;
using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Tests.Proxy;

namespace ReasoningGraph.Signing.Tests.Health;

/// <summary>
/// <see cref="SignerHealthCheck"/>, registered by <c>AddHealthChecks().AddReasoningGraphSigner()</c>, on a real signing
/// proxy: healthy from a real signature without a probe of its own, Degraded (not Unhealthy) when the proxy fails or
/// hangs, and at most one probe signature per interval however often it is asked.
/// </summary>
public sealed class SignerHealthCheckTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private TestSigningProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await TestSigningProxy.StartAsync();

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task AFailingProxy_IsDegraded_AndProbedAtMostOncePerMaxAge()
    {
        _proxy.Behavior = _ => ProxyBehavior.Fail503;
        await using var services = Services(new SigningProxySigner(SigningProxySignerTests.Options(_proxy, o => o.MaxRetryAttempts = 0), timeProvider: _time));
        var health = services.GetRequiredService<HealthCheckService>();

        var first = await health.CheckHealthAsync();
        var again = await health.CheckHealthAsync();
        int probes = _proxy.SignRequests;
        _time.Advance(TimeSpan.FromSeconds(30));
        var later = await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, first.Status); // a signer outage does not fail readiness
        var entry = first.Entries["reasoning-graph-signer"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("the signer did not sign the probe digest (SIGNING_FAILURE; see the service log)", entry.Description);
        Assert.DoesNotContain(_proxy.Url.Authority, entry.Description, StringComparison.Ordinal);
        Assert.Contains("503", Assert.IsType<SigningException>(entry.Exception).Message, StringComparison.Ordinal); // for the log
        Assert.Equal(HealthStatus.Degraded, again.Status);
        Assert.Equal(1, probes);
        Assert.Equal(HealthStatus.Degraded, later.Status);
        Assert.Equal(2, _proxy.SignRequests);
        Assert.False(services.GetRequiredKeyedService<SignerHealthCheck>("reasoning-graph-signer").LastOutcome!.Succeeded);
    }

    [Fact]
    public async Task ARecentRealSignature_IsTheVerdict_WithoutAProbe()
    {
        using var signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy, o => o.MaxRetryAttempts = 0), timeProvider: _time);
        await using var services = Services(signer);
        await signer.SignAsync(new byte[32]);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(_proxy.SignerId, report.Entries["reasoning-graph-signer"].Data["signerId"]);
        Assert.Equal(1, _proxy.SignRequests); // the real signature, no probe

        _time.Advance(TimeSpan.FromSeconds(30));
        _proxy.Behavior = _ => ProxyBehavior.Fail500;
        var stale = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, stale.Status); // the old success is too old: the probe found the proxy failing
        Assert.Equal(2, _proxy.SignRequests);
    }

    [Fact]
    public async Task ARecentFailedRealSignature_IsReportedWithoutTheProxysMessage()
    {
        _proxy.Behavior = _ => ProxyBehavior.Fail500;
        using var signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy, o => o.MaxRetryAttempts = 0), timeProvider: _time);
        await using var services = Services(signer);
        await Assert.ThrowsAsync<SigningException>(async () => await signer.SignAsync(new byte[32]));

        var entry = (await services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["reasoning-graph-signer"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("the signer's last signature failed (see the service log)", entry.Description);
        Assert.Equal(1, _proxy.SignRequests); // the real signature, no probe
    }

    [Fact]
    public async Task ASignerThatNeverAnswers_FailsAfterTheProbeTimeout_AndLaterChecksAnswerAtOnce_WithOneSignatureInFlight()
    {
        var signer = new DeafSigner();
        var check = new SignerHealthCheck(signer, maxAge: TimeSpan.FromMilliseconds(1), probeTimeout: TimeSpan.FromSeconds(1));
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("signer", check, HealthStatus.Degraded, tags: null) };

        var first = await check.CheckHealthAsync(context).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(10); // past maxAge: the next check would probe, but the first signature is still in flight
        var started = System.Diagnostics.Stopwatch.StartNew();
        var later = await check.CheckHealthAsync(context).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(500), $"the later check waited {started.Elapsed}");
        Assert.Equal(HealthStatus.Degraded, first.Status);
        Assert.Equal("the signer did not answer within 1 s", first.Description);
        Assert.Equal("the signer did not answer within 1 s", later.Description);
        Assert.Equal(1, signer.Calls);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AMaxAgeOfZeroOrLess_IsRefused_ByTheCheckAndItsRegistration(int seconds)
    {
        var maxAge = TimeSpan.FromSeconds(seconds);
        using var signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy));

        Assert.Throws<ArgumentOutOfRangeException>("maxAge", () => new SignerHealthCheck(signer, maxAge));
        Assert.Throws<ArgumentOutOfRangeException>("maxAge", () => new ServiceCollection().AddHealthChecks().AddReasoningGraphSigner(maxAge: maxAge));
    }

    [Fact]
    public async Task AHungProxy_FailsTheProbe_AfterItsOwnTimeout()
    {
        _proxy.Behavior = _ => ProxyBehavior.Hang;
        using var signer = new SigningProxySigner(SigningProxySignerTests.Options(_proxy, o => o.MaxRetryAttempts = 0));
        var check = new SignerHealthCheck(signer, probeTimeout: TimeSpan.FromMilliseconds(300));
        var registration = new HealthCheckRegistration("signer", check, HealthStatus.Degraded, tags: null);

        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = registration });

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("the signer did not answer within 0.3 s", result.Description);
    }

    private ServiceProvider Services(IDigestSigner signer)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(signer);
        services.AddSingleton<TimeProvider>(_time);
        services.AddHealthChecks().AddReasoningGraphSigner(tags: ["ready"]);
        return services.BuildServiceProvider();
    }

    /// <summary>A signer stuck in a call: it never answers, whatever the token says.</summary>
    private sealed class DeafSigner : IDigestSigner
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string SignerId => "deaf";

        public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
            return [];
        }
    }
}
