namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The Go service's <c>format=human</c> companion: counts and one entry per node, read from the signed document.</summary>
internal sealed record SnapshotSummary
{
    public required int NodeCount { get; init; }

    public required int EdgeCount { get; init; }

    public required IReadOnlyList<SnapshotSummaryEntry> Summary { get; init; }
}
