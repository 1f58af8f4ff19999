using ReasoningGraph.Diagnostics;

namespace ReasoningGraph.Snapshots;

/// <summary>The snapshot service's instruments.</summary>
internal static class SnapshotMetrics
{
    /// <summary>Snapshots produced, by audience (<c>reasoning_graph.snapshots_total</c>).</summary>
    public static TaggedTotals Produced { get; } = new(
        "reasoning_graph.snapshots_total", "Snapshots produced.", "audience", [Audience(SnapshotAudience.Operator), Audience(SnapshotAudience.Auditor)]);

    public static string Audience(SnapshotAudience audience) => audience == SnapshotAudience.Auditor ? "auditor" : "operator";
}
