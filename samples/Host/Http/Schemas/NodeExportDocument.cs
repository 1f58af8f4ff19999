using ReasoningGraph.Explanations;
using ReasoningGraph.Tracing;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The export object (<c>Export.NodeExport</c>); with <c>format=canonical</c> it is the whole answer, as canonical JSON.</summary>
internal sealed record NodeExportDocument
{
    public required Guid NodeId { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required bool PiiRedacted { get; init; }

    public required CausalTrace Trace { get; init; }

    public required Explanation Explanation { get; init; }

    /// <summary>The latest signed snapshot rooted at the node; null when there is none.</summary>
    public required ExportedSnapshot? Snapshot { get; init; }
}
