namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The verification data of a snapshot in an export.</summary>
internal sealed record ExportedSnapshot
{
    public required Guid SnapshotId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>operator</c> or <c>auditor</c>.</summary>
    public required string Audience { get; init; }

    public required IReadOnlyList<Guid> RootIds { get; init; }

    public required int Depth { get; init; }

    public required string Hash { get; init; }

    public required string SignerKid { get; init; }

    public required string Signature { get; init; }

    public required string? AuditEventId { get; init; }
}
