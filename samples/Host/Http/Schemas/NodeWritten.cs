namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A written (or replayed) node: <c>{nodeId, createdAt}</c>.</summary>
internal sealed record NodeWritten
{
    public required Guid NodeId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
