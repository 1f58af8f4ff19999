using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph;
using ReasoningGraph.Policy;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Reasoning Graph in a service collection.</summary>
public static class ReasoningGraphServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IReasoningGraph"/> with the embedded in-memory store (no journal) unless another store is
    /// chosen on the returned builder, the allow-all write policy and <see cref="TimeProvider.System"/> unless
    /// already registered. Options are validated at start-up (and at the latest when the service is first
    /// resolved). <see cref="ReasoningGraph.Snapshots.SnapshotService"/> is registered too; resolving it needs an
    /// <see cref="ReasoningGraph.Signing.IDigestSigner"/> (from <c>AddReasoningGraphSigning</c>). Safe to call more than once: registrations are added only once, configurations accumulate.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options; may be null.</param>
    /// <returns>A builder on which the store and the write policy are chosen.</returns>
    public static ReasoningGraphBuilder AddReasoningGraph(this IServiceCollection services, Action<ReasoningGraphOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ReasoningGraphOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReasoningGraphOptions>, ReasoningGraphOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWritePolicy, AllowAllWritePolicy>();
        services.TryAdd(ReasoningGraphBuilder.InMemoryStoreDescriptor);
        services.TryAddSingleton<ReasoningGraphService>();
        services.TryAddSingleton<IReasoningGraph>(static provider => provider.GetRequiredService<ReasoningGraphService>());
        services.TryAdd(ReasoningGraphBuilder.SnapshotStoreDescriptor);
        services.TryAddSingleton(ReasoningGraphBuilder.CreateSnapshotService);

        // The totals are exported from now on, every known tag value at 0, not only after their first increment.
        _ = ReasoningGraph.Canonicalization.CanonicalizationMetrics.Failures;
        _ = ReasoningGraph.Snapshots.SnapshotMetrics.Produced;
        _ = ReasoningGraph.WriteMetrics.Written;
        _ = ReasoningGraph.WriteMetrics.Refused;
        _ = ReasoningGraph.Diagnostics.SigningMetrics.Failures;
        return new ReasoningGraphBuilder(services);
    }

    /// <summary>
    /// <see cref="AddReasoningGraph(IServiceCollection, Action{ReasoningGraphOptions}?)"/> with the options bound from
    /// <paramref name="configuration"/>, for example <c>builder.Configuration.GetSection("ReasoningGraph")</c>: keys
    /// are the property names (<c>MaxPayloadBytes</c>, <c>DefaultPageSize</c>, <c>TraversalCacheExpiry</c> as
    /// <c>00:05:00</c>; <c>NodeTypes:0</c>… add to the well-known types). Validated at start-up like any other.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>A builder on which the store and the write policy are chosen.</returns>
    public static ReasoningGraphBuilder AddReasoningGraph(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddReasoningGraph();
        services.AddOptions<ReasoningGraphOptions>().Bind(configuration);
        return builder;
    }
}
