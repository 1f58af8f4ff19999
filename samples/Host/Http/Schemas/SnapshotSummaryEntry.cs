namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>One node of a snapshot summary; a member the document lacks is null.</summary>
internal sealed record SnapshotSummaryEntry
{
    public required string? Id { get; init; }

    public required string? Type { get; init; }

    public required string? Author { get; init; }

    public required string? Created { get; init; }
}
