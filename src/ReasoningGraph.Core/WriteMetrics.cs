using System.Diagnostics.Metrics;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph;

/// <summary>
/// The facade's write instruments, totals exported from start-up at 0: items written by kind, writes refused by code
/// (a policy denial is <c>FORBIDDEN</c>), and the time of each write — what an operator pages on when writes stop.
/// </summary>
internal static class WriteMetrics
{
    private static readonly string[] RefusalCodes =
    [
        ErrorCodes.InvalidPayload, ErrorCodes.CanonicalizationError, ErrorCodes.Conflict, ErrorCodes.NotFound, ErrorCodes.Forbidden,
        ErrorCodes.SigningFailure, ErrorCodes.StoreUnavailable,
    ];

    public static TaggedTotals Written { get; } = new(
        "reasoning_graph.writes_total", "Items written (idempotent replays excluded), by kind.", "kind", ["node", "edge", "annotation"]);

    public static TaggedTotals Refused { get; } = new(
        "reasoning_graph.write_refusals_total", "Writes refused, by error code (FORBIDDEN: denied by the write policy).", "code", RefusalCodes);

    public static Histogram<double> Duration { get; } = ReasoningGraphDiagnostics.Meter.CreateHistogram<double>(
        "reasoning_graph.write_duration_seconds", "s", "Time to validate, check the policy of and store one write (one batch).",
        tags: null, advice: ReasoningGraphDiagnostics.SecondsAdvice);

    public static void Count(AppendResult result)
    {
        foreach (var item in result.Created)
        {
            Written.Add(item.Kind switch { GraphItemKind.Node => "node", GraphItemKind.Edge => "edge", _ => "annotation" });
        }
    }
}
