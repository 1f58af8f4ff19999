namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A snapshot stored but not signed yet (202, with <c>Location</c>): <c>status</c> <c>pending</c> (signer down) or <c>on_hold</c> (signing held).</summary>
internal sealed record SnapshotDeferred
{
    public required Guid SnapshotId { get; init; }

    public required string Status { get; init; }

    /// <summary>The error code that deferred it, or <c>SIGNING_HELD</c>.</summary>
    public required string Reason { get; init; }

    public required string Message { get; init; }
}
