using ReasoningGraph.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>Subscribes an OpenTelemetry meter provider to Reasoning Graph's instruments.</summary>
public static class ReasoningGraphMeterProviderBuilderExtensions
{
    /// <summary>
    /// Adds the meter every Reasoning Graph package records on (<c>ReasoningGraph</c>; instruments prefixed
    /// <c>reasoning_graph.</c>): writes and refusals, write and trace latencies, snapshots, signing and canonicalization
    /// failures, standby reads. Latency histograms carry their own bucket boundaries (0.5 ms to 10 s).
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddReasoningGraphInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ReasoningGraphDiagnostics.Name);
    }
}
