using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using ReasoningGraph.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the PostgreSQL store's write probe to <c>services.AddHealthChecks()</c>.</summary>
public static class PostgresHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="PostgresWriteHealthCheck"/> on the store registered by <c>UsePostgres(…)</c>: one tiny write must
    /// commit within <paramref name="bound"/>, probed at most once per <paramref name="maxAge"/>. Add it beside
    /// <c>AddReasoningGraph()</c> (the store answers a read) where commits can block, e.g. behind a synchronous standby.
    /// The check is a singleton keyed by <paramref name="name"/> (for a gauge of <see cref="PostgresWriteHealthCheck.BlockedSince"/>).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; default <c>reasoning-graph-postgres-writes</c>.</param>
    /// <param name="failureStatus">Reported when writes are blocked or the probe fails; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags for filtering the check, e.g. <c>["ready"]</c>.</param>
    /// <param name="bound">How long the probe's commit may take; default 2 s.</param>
    /// <param name="maxAge">How long a verdict stands; default 5 s.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddReasoningGraphPostgresWrites(
        this IHealthChecksBuilder builder, string name = "reasoning-graph-postgres-writes", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null,
        TimeSpan? bound = null, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.TryAddKeyedSingleton(name, (provider, _) => new PostgresWriteHealthCheck(
            provider.GetRequiredService<PostgresGraphStore>(), bound, maxAge, provider.GetService<TimeProvider>(), provider.GetService<ILogger<PostgresWriteHealthCheck>>()));
        return builder.Add(new HealthCheckRegistration(
            name, provider => provider.GetRequiredKeyedService<PostgresWriteHealthCheck>(name), failureStatus, tags));
    }
}
