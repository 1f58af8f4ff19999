using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the signer's health check to <c>services.AddHealthChecks()</c>.</summary>
public static class SigningHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="SignerHealthCheck"/> on the registered <see cref="IDigestSigner"/>: its last real signature, or a
    /// probe signature at most once per <paramref name="maxAge"/>. The check is a singleton keyed by
    /// <paramref name="name"/> (<c>GetRequiredKeyedService&lt;SignerHealthCheck&gt;(name)</c>, e.g. for a gauge of
    /// <see cref="SignerHealthCheck.LastOutcome"/>).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; default <c>reasoning-graph-signer</c>.</param>
    /// <param name="failureStatus">
    /// Reported when the signer fails; default <see cref="HealthStatus.Degraded"/>, so that an outage of the signer does
    /// not fail a readiness endpoint (reads and writes go on; snapshots wait).
    /// </param>
    /// <param name="tags">Tags for filtering the check, e.g. <c>["ready"]</c>.</param>
    /// <param name="maxAge">
    /// How long an outcome stands before a probe signs again; default 30 s. It must be positive: every probe signature
    /// is a call to the signer (and, behind a signing proxy, to its key).
    /// </param>
    /// <param name="probeTimeout">How long a probe signature may take; default 5 s.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAge"/> or <paramref name="probeTimeout"/> is zero or negative.</exception>
    public static IHealthChecksBuilder AddReasoningGraphSigner(
        this IHealthChecksBuilder builder, string name = "reasoning-graph-signer", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null,
        TimeSpan? maxAge = null, TimeSpan? probeTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (maxAge is { } age)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(age, TimeSpan.Zero, nameof(maxAge));
        }

        if (probeTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(probeTimeout));
        }

        builder.Services.TryAddKeyedSingleton(name, (provider, _) => new SignerHealthCheck(
            provider.GetRequiredService<IDigestSigner>(), maxAge, probeTimeout, provider.GetService<TimeProvider>()));
        return builder.Add(new HealthCheckRegistration(
            name, provider => provider.GetRequiredKeyedService<SignerHealthCheck>(name), failureStatus ?? HealthStatus.Degraded, tags));
    }
}
