using ReasoningGraph.Diagnostics;

namespace OpenTelemetry.Trace;

/// <summary>Subscribes an OpenTelemetry tracer provider to Reasoning Graph's spans.</summary>
public static class ReasoningGraphTracerProviderBuilderExtensions
{
    /// <summary>
    /// Adds the activity source every Reasoning Graph package starts its spans on (<c>ReasoningGraph</c>): canonicalize,
    /// hash, sign, store write, traversal, causal trace, snapshot. The database driver's own spans are its
    /// instrumentation's (Npgsql: <c>AddNpgsql()</c>).
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddReasoningGraphInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ReasoningGraphDiagnostics.Name);
    }
}
