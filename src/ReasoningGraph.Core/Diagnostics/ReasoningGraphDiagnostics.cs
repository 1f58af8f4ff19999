using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReasoningGraph.Diagnostics;

/// <summary>
/// The library's tracing and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <c>ReasoningGraph</c>. Every instrument is defined here. No exporter is referenced; hosts subscribe by name.
/// </summary>
public static class ReasoningGraphDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "ReasoningGraph";

    private static readonly string Version = typeof(ReasoningGraphDiagnostics).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>Spans: canonicalize, hash, sign, store write, traversal, causal trace.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Instruments, all prefixed <c>reasoning_graph.</c>.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>
    /// Bucket boundaries, in seconds, of every latency histogram: exporters default to boundaries sized for
    /// milliseconds (0, 5, 10, … 10000), under which every sub-second latency falls in one bucket and no quantile can
    /// be read; these resolve 0.5 ms to 10 s, with the 50 ms SLO of traces on a boundary.
    /// </summary>
    internal static InstrumentAdvice<double> SecondsAdvice { get; } = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    /// <summary>Seconds to answer one walk page or one ordered causal trace (<c>reasoning_graph.trace_query_latency_seconds</c>).</summary>
    internal static Histogram<double> TraceQueryLatency { get; } = Meter.CreateHistogram<double>(
        "reasoning_graph.trace_query_latency_seconds", "s", "Time to answer one traversal page or causal trace.", tags: null, advice: SecondsAdvice);

    /// <summary>Seconds to build and sign a snapshot.</summary>
    internal static Histogram<double> SnapshotGeneration { get; } = Meter.CreateHistogram<double>(
        "reasoning_graph.snapshot_generation_seconds", "s", "Time to build and sign one snapshot.", tags: null, advice: SecondsAdvice);

    internal static Activity? StartTraversal(string operation, Guid root)
    {
        var activity = ActivitySource.StartActivity("reasoning_graph." + operation);
        activity?.SetTag("reasoning_graph.root", root.ToString());
        return activity;
    }

    internal static void RecordTraceLatency(long startTimestamp, string operation) =>
        TraceQueryLatency.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation));
}
