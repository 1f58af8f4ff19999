using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The Kernel's reachability (<see cref="KernelProbeOptions"/>), for <c>/ready</c>'s <c>kernel</c> component and the
/// <c>reasoning_graph_host_kernel_up</c> gauge: <c>GET {KERNEL_API_URL}/health</c> with the configured credential,
/// at most once per <see cref="MaxAge"/> however often it is asked, with its own timeout. Reported, never deciding
/// readiness (registered as <see cref="HealthStatus.Degraded"/> on failure): an unreachable Kernel is the runbook's cue
/// to turn the service read-only, not to take it away. The description names no URL (<c>/ready</c> answers anyone);
/// the exception is attached, for the log.
/// </summary>
internal sealed class KernelHealth : IHealthCheck, IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly KernelProbeOptions? _options;
    private readonly HttpClient? _client;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _probing = new(1, 1);
    private (DateTimeOffset At, string? Failure, Exception? Exception)? _last;

    public KernelHealth(KernelProbeOptions? options, TimeProvider time, IMeterFactory meters)
    {
        _options = options;
        _time = time;
        if (options is not null)
        {
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            if (options.ClientCertificate is { } certificate)
            {
                handler.SslOptions.ClientCertificates = [certificate];
            }

            _client = new HttpClient(handler) { Timeout = Timeout };
            if (options.Token is { } token)
            {
                _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            meters.Create("ReasoningGraph.Host").CreateObservableGauge(
                "reasoning_graph.host.kernel_up", () => _last is { } last ? (last.Failure is null ? 1 : 0) : 1,
                description: "1 when the Kernel answered its last health probe (KERNEL_API_URL), 0 when it did not; runbook: turn the service read-only.");
        }
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (failure, exception) = await FailureAsync();
        return failure is null ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus, failure, exception);
    }

    /// <summary>Why the last probe failed, and its exception; null when the Kernel answered.</summary>
    private async Task<(string? Failure, Exception? Exception)> FailureAsync()
    {
        if (_last is { } fresh && _time.GetUtcNow() - fresh.At < MaxAge)
        {
            return (fresh.Failure, fresh.Exception);
        }

        await _probing.WaitAsync();
        try
        {
            if (_last is { } meanwhile && _time.GetUtcNow() - meanwhile.At < MaxAge)
            {
                return (meanwhile.Failure, meanwhile.Exception);
            }

            string? failure;
            Exception? exception = null;
            try
            {
                using var response = await _client!.GetAsync(new Uri(_options!.Url, "health"));
                failure = response.IsSuccessStatusCode ? null : $"the Kernel's health endpoint answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                exception = e;
                failure = e is TaskCanceledException
                    ? $"the Kernel did not answer within {Timeout.TotalSeconds:0} s"
                    : "the Kernel is not reachable (see the service log)";
            }

            _last = (_time.GetUtcNow(), failure, exception);
            return (failure, exception);
        }
        finally
        {
            _probing.Release();
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _probing.Dispose();
    }
}
