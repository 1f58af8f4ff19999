namespace ReasoningGraph.Snapshots;

/// <summary>A snapshot built and about to be signed: what <see cref="ISnapshotStore.PutPendingAsync"/> records.</summary>
public sealed class PendingSnapshot
{
    /// <summary>The snapshot id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The caller's idempotency key, or null.</summary>
    public string? RequestId { get; init; }

    /// <summary>The roots, in request order.</summary>
    public required IReadOnlyList<Guid> RootIds { get; init; }

    /// <summary>The collection depth.</summary>
    public required int Depth { get; init; }

    /// <summary>The audience.</summary>
    public required SnapshotAudience Audience { get; init; }

    /// <summary>The document's <c>created_at</c> (microsecond precision).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The actor of the audit event written when the snapshot is signed.</summary>
    public required string Actor { get; init; }

    /// <summary>The canonical bytes of the signed object: exactly what will be hashed and signed.</summary>
    public required ReadOnlyMemory<byte> SignedBytes { get; init; }
}
