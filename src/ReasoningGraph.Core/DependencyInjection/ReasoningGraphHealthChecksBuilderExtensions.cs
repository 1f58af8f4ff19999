using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Archive;
using ReasoningGraph.Health;
using ReasoningGraph.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds Reasoning Graph's health checks to <c>services.AddHealthChecks()</c>. Each check is a singleton keyed by its
/// registration name (<c>GetRequiredKeyedService&lt;ReasoningGraphStoreHealthCheck&gt;(name)</c>), so the verdict it
/// keeps between probes survives them; tag the checks (<c>"live"</c>, <c>"ready"</c>) to choose them per endpoint
/// with <c>MapHealthChecks</c>' predicate.
/// </summary>
public static class ReasoningGraphHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ReasoningGraphStoreHealthCheck"/>: the registered <see cref="IReasoningGraphStore"/> answers a
    /// cheap read within <paramref name="timeout"/>, read at most once per <paramref name="maxAge"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; default <c>reasoning-graph</c>.</param>
    /// <param name="failureStatus">Reported when the store does not answer; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags for filtering the check, e.g. <c>["ready"]</c>.</param>
    /// <param name="timeout">How long the read may take; default 5 s.</param>
    /// <param name="maxAge">How long a verdict stands; default 1 s.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddReasoningGraph(
        this IHealthChecksBuilder builder, string name = "reasoning-graph", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null,
        TimeSpan? timeout = null, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.TryAddKeyedSingleton(name, (provider, _) => new ReasoningGraphStoreHealthCheck(
            provider.GetRequiredService<IReasoningGraphStore>(), timeout, maxAge, provider.GetService<TimeProvider>()));
        return builder.Add(new HealthCheckRegistration(
            name, provider => provider.GetRequiredKeyedService<ReasoningGraphStoreHealthCheck>(name), failureStatus, tags));
    }

    /// <summary>
    /// Adds <see cref="SnapshotArchiveHealthCheck"/>: the registered <see cref="ISnapshotArchive"/> (or the one under
    /// <paramref name="serviceKey"/>) passes its own probe within <paramref name="timeout"/>, one probe at a time.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; default <c>reasoning-graph-archive</c>.</param>
    /// <param name="failureStatus">Reported when the archive cannot take snapshots; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags for filtering the check.</param>
    /// <param name="timeout">
    /// How long the probe may take, bounded by the check itself (an archive that ignores cancellation cannot hold the
    /// check up); default 5 s.
    /// </param>
    /// <param name="serviceKey">The key of a keyed archive; null for the archive registered without a key.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public static IHealthChecksBuilder AddReasoningGraphArchive(
        this IHealthChecksBuilder builder, string name = "reasoning-graph-archive", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null,
        TimeSpan? timeout = null, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (timeout is { } bound)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bound, TimeSpan.Zero, nameof(timeout));
        }

        builder.Services.TryAddKeyedSingleton(name, (provider, _) => new SnapshotArchiveHealthCheck(
            serviceKey is null ? provider.GetRequiredService<ISnapshotArchive>() : provider.GetRequiredKeyedService<ISnapshotArchive>(serviceKey),
            timeout, provider.GetService<TimeProvider>()));
        return builder.Add(new HealthCheckRegistration(
            name, provider => provider.GetRequiredKeyedService<SnapshotArchiveHealthCheck>(name), failureStatus, tags));
    }
}
