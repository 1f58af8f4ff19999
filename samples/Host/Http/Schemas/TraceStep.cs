using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A node reached by a walk, with the page's edges ending and starting at it.</summary>
internal sealed record TraceStep
{
    public required ReasoningNode Node { get; init; }

    public required int Depth { get; init; }

    public required IReadOnlyList<WalkedEdge> Incoming { get; init; }

    public required IReadOnlyList<WalkedEdge> Outgoing { get; init; }

    /// <summary>An edge walked from this node reached an already visited node.</summary>
    public required bool CycleDetected { get; init; }
}
