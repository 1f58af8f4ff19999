using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Archive;

namespace ReasoningGraph.Health;

/// <summary>
/// Whether a snapshot archive can take snapshots: its own probe (<see cref="ISnapshotArchive.ProbeAsync"/>; S3: the
/// bucket has Object Lock and a default retention; filesystem: the directory is writable). A probe that is not ready,
/// or throws, is the registration's failure status with the archive's detail. Registered by
/// <c>AddHealthChecks().AddReasoningGraphArchive()</c>.
/// </summary>
public sealed class SnapshotArchiveHealthCheck : IHealthCheck
{
    private readonly ISnapshotArchive _archive;

    /// <summary>Creates the check of <paramref name="archive"/>.</summary>
    /// <param name="archive">The archive probed.</param>
    public SnapshotArchiveHealthCheck(ISnapshotArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        _archive = archive;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var probe = await _archive.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return probe.IsReady ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus, probe.Detail);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e);
        }
    }
}
