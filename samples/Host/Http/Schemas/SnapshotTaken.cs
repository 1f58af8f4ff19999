namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A signed snapshot just taken (or the first one of its request id).</summary>
internal sealed record SnapshotTaken
{
    public required Guid SnapshotId { get; init; }

    public required string Hash { get; init; }

    public required string Signature { get; init; }

    public required string SignerId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
