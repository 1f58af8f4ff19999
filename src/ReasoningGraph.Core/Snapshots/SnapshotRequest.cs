namespace ReasoningGraph.Snapshots;

/// <summary>What to freeze into a snapshot, for whom, and on whose authority.</summary>
public sealed class SnapshotRequest
{
    /// <summary>
    /// The roots, in the order they are written into <c>root_ids</c>; at least one, each an existing node. A root named
    /// again is ignored; at most <see cref="SnapshotServiceOptions.MaxRoots"/> distinct roots.
    /// </summary>
    public required IReadOnlyList<Guid> RootIds { get; init; }

    /// <summary>How many edges away from a root (in either direction) nodes are collected; null for the configured default (2).</summary>
    public int? Depth { get; init; }

    /// <summary>The audience. Default: <see cref="SnapshotAudience.Operator"/>.</summary>
    public SnapshotAudience Audience { get; init; }

    /// <summary>Whether the caller holds the <c>export:pii</c> capability; required for <see cref="SnapshotAudience.Auditor"/>.</summary>
    public bool CanExportPii { get; init; }

    /// <summary>
    /// The caller's idempotency key: a second request with the same key returns the snapshot of the first (finishing
    /// it when it is still pending) and never creates another. Null: every request makes a new snapshot.
    /// </summary>
    public string? RequestId { get; init; }

    /// <summary>The snapshot id to use; a new UUIDv7 when null.</summary>
    public Guid? SnapshotId { get; init; }

    /// <summary>Who asked: the <c>actor</c> of the snapshot's audit event. Default: <c>system</c>.</summary>
    public string Actor { get; init; } = "system";

    /// <summary>The optional <c>manifest_signature_id</c> of the document (signed when present).</summary>
    public string? ManifestSignatureId { get; init; }
}
