using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReasoningGraph.Diagnostics;

/// <summary>
/// Signatures made by the library (audit events, snapshot documents), whatever the signer: their time and their
/// failures, totals exported from start-up at 0 — what an operator pages on when the signer fails.
/// </summary>
internal static class SigningMetrics
{
    public static TaggedTotals Failures { get; } = new(
        "reasoning_graph.signing_failures_total", "Signatures that failed (fail closed), by what was being signed.", "operation", ["audit_event", "snapshot"]);

    public static Histogram<double> Duration { get; } = ReasoningGraphDiagnostics.Meter.CreateHistogram<double>(
        "reasoning_graph.signing_duration_seconds", "s", "Time for one signature, by what was being signed.",
        tags: null, advice: ReasoningGraphDiagnostics.SecondsAdvice);

    /// <summary>Times one signature and counts its failure.</summary>
    public static async ValueTask<T> SignAsync<T>(string operation, Func<ValueTask<T>> sign)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            return await sign().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failures.Add(operation);
            throw;
        }
        finally
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
