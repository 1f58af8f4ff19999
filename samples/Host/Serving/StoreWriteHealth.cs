using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// <c>/ready</c>'s <c>writes</c> component: the PostgreSQL store's write probe (<see cref="PostgresWriteHealthCheck"/>:
/// one tiny write must commit within <c>READY_WRITE_PROBE_TIMEOUT_MS</c>, at most one probe per 5 s, the blocked and
/// unblocked log lines), skipped in read-only mode, when writes are refused anyway and reads decide; and the
/// <c>reasoning_graph_host_store_writes_blocked</c> gauge.
/// </summary>
internal sealed class StoreWriteHealth : IHealthCheck
{
    private readonly PostgresWriteHealthCheck _probe;
    private readonly Func<bool> _readOnly;

    /// <param name="probe">The store's write probe.</param>
    /// <param name="readOnly">Whether writes are refused anyway (read-only mode): then nothing is probed.</param>
    /// <param name="meters">Where the gauge is created.</param>
    public StoreWriteHealth(PostgresWriteHealthCheck probe, Func<bool> readOnly, IMeterFactory meters)
    {
        _probe = probe;
        _readOnly = readOnly;
        meters.Create(CausalTraceCache.MeterName).CreateObservableGauge(
            "reasoning_graph.host.store_writes_blocked", () => probe.BlockedSince is null ? 0 : 1,
            description: "1 while the store's last write probe did not commit within READY_WRITE_PROBE_TIMEOUT_MS (e.g. waiting for a synchronous standby); /ready answers 503 meanwhile.");
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _readOnly() ? Task.FromResult(HealthCheckResult.Healthy("not checked: read-only")) : _probe.CheckHealthAsync(context, cancellationToken);
}
