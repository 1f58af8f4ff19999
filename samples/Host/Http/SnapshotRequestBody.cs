namespace ReasoningGraph.Host.Http;

/// <summary>The body of <c>POST /reason/snapshot</c>.</summary>
internal sealed class SnapshotRequestBody
{
    public IReadOnlyList<Guid>? RootNodeIds { get; init; }

    /// <summary>Accepted for the Go service's callers; the signed document format (INTEROP §3) has no place for it, so it is not stored.</summary>
    public string? Description { get; init; }

    public string? Audience { get; init; }

    public int? Depth { get; init; }

    public string? RequestId { get; init; }
}
