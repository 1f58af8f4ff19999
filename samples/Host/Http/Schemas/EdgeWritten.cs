namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A written (or replayed) edge: <c>{edgeId, createdAt}</c>.</summary>
internal sealed record EdgeWritten
{
    public required Guid EdgeId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
