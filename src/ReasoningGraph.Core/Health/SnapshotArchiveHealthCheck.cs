using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Archive;

namespace ReasoningGraph.Health;

/// <summary>
/// Whether a snapshot archive can take snapshots: its own probe (<see cref="ISnapshotArchive.ProbeAsync"/>; S3: the
/// bucket has Object Lock and a default retention; filesystem: the directory is writable), which must answer within
/// <see cref="Timeout"/>. A probe that is not ready, throws or does not answer in time is the registration's failure
/// status with a description that names no bucket, endpoint or path (a readiness endpoint may show it to anyone); the
/// archive's detail or exception is attached to the result, for the operator's log. One probe runs at a time: callers
/// arriving meanwhile share it, and a probe that never answers, even one deaf to cancellation, costs a caller at most
/// what is left of its timeout. Registered by <c>AddHealthChecks().AddReasoningGraphArchive()</c>.
/// </summary>
public sealed class SnapshotArchiveHealthCheck : IHealthCheck
{
    private readonly ISnapshotArchive _archive;
    private readonly TimeProvider _time;
    private readonly SingleFlightProbe<HealthCheckResult> _probing;

    /// <summary>Creates the check of <paramref name="archive"/>.</summary>
    /// <param name="archive">The archive probed.</param>
    /// <param name="timeout">How long the probe may take; default 5 s.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public SnapshotArchiveHealthCheck(ISnapshotArchive archive, TimeSpan? timeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(archive);
        Timeout = timeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        _archive = archive;
        _time = timeProvider ?? TimeProvider.System;
        _probing = new SingleFlightProbe<HealthCheckResult>(Timeout, _time);
    }

    /// <summary>How long the probe may take before the archive is reported as failed.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The probe has its own timeout; the caller may stop waiting for it, never cancel it for the others.
        try
        {
            return await _probing.RunAsync(() => ProbeAsync(context.Registration.FailureStatus), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, NoAnswer(), e);
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(HealthStatus failureStatus)
    {
        await Task.Yield(); // started under the gate: the probe runs outside it
        using var timeout = new CancellationTokenSource(Timeout, _time);
        try
        {
            var probe = await _archive.ProbeAsync(timeout.Token).ConfigureAwait(false);
            return probe.IsReady
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(
                    failureStatus, "the archive cannot take snapshots (see the service log)",
                    new InvalidOperationException($"The snapshot archive ({_archive.Kind}) cannot take snapshots: {probe.Detail}"));
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            return new HealthCheckResult(failureStatus, NoAnswer(), e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new HealthCheckResult(failureStatus, FailureDescription.Of("the archive's probe failed", e), e);
        }
    }

    private string NoAnswer() => string.Create(CultureInfo.InvariantCulture, $"the archive did not answer within {Timeout.TotalSeconds:0.###} s");
}
