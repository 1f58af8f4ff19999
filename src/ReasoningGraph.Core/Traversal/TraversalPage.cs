using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal;

/// <summary>
/// One page of a walk. Serialized as
/// <c>{"root","direction","steps":[{"node","depth"}],"edges":[{…,"revisit"}],"cycleDetected","nextCursor"}</c>.
/// </summary>
public sealed record TraversalPage
{
    /// <summary>The walk's start node.</summary>
    public required Guid Root { get; init; }

    /// <summary>The direction walked.</summary>
    public required TraversalDirection Direction { get; init; }

    /// <summary>This page's nodes, in walk order, each with its minimum depth.</summary>
    public required IReadOnlyList<TraversalStep> Steps { get; init; }

    /// <summary>The edges followed from this page's nodes, grouped by node in walk order, each by (<c>createdAt</c>, <c>id</c>).</summary>
    public required IReadOnlyList<TraversedEdge> Edges { get; init; }

    /// <summary>
    /// Whether the nodes and edges returned so far (this page and all earlier ones) contain a directed cycle:
    /// a self-loop or a strongly connected component of two or more nodes. On the last page this is the answer
    /// for the whole walk.
    /// </summary>
    public required bool CycleDetected { get; init; }

    /// <summary>Pass this back for the next page; null on the last page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NextCursor { get; init; }

    /// <summary>The <c>seq</c> the whole walk reads as of (fixed by the first page).</summary>
    [JsonIgnore]
    public long AsOf { get; init; }

    /// <summary>Ids and counts only: items may carry PII, and results end up in logs.</summary>
    /// <returns>For example <c>TraversalPage Ancestors of … (10 steps, 12 edges)</c>.</returns>
    public override string ToString() => $"TraversalPage {Direction} of {Root} ({Steps.Count} steps, {Edges.Count} edges)";
}
