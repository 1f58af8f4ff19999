namespace ReasoningGraph.Snapshots;

/// <summary>A snapshot as a <see cref="ISnapshotStore"/> holds it: pending, or signed with its exact document bytes.</summary>
public sealed class StoredSnapshot
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

    /// <summary>The document's <c>created_at</c>.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The actor of the snapshot's audit event.</summary>
    public required string Actor { get; init; }

    /// <summary>Pending or signed.</summary>
    public required SnapshotStatus Status { get; init; }

    /// <summary>The canonical bytes of the signed object (what is hashed), present from the start.</summary>
    public required ReadOnlyMemory<byte> SignedBytes { get; init; }

    /// <summary>The whole signed document, byte for byte as signed and served; empty while pending.</summary>
    public ReadOnlyMemory<byte> Document { get; init; }

    /// <summary>Lowercase hex SHA-256 of <see cref="SignedBytes"/>; null while pending.</summary>
    public string? Hash { get; init; }

    /// <summary>The signer id (<c>signer_kid</c>); null while pending.</summary>
    public string? SignerId { get; init; }

    /// <summary>Standard base64 of the signature; null while pending.</summary>
    public string? Signature { get; init; }

    /// <summary>The id of the <c>reason.snapshot.created</c> audit event; null while pending.</summary>
    public Guid? AuditEventId { get; init; }

    /// <summary>The stored snapshot after signing: the same snapshot with its proof, document and audit event.</summary>
    /// <param name="document">The signed document; its signed bytes must be <see cref="SignedBytes"/>.</param>
    /// <param name="auditEventId">The audit event recording it.</param>
    /// <returns>The signed snapshot.</returns>
    /// <exception cref="ArgumentException"><paramref name="document"/> signs other bytes.</exception>
    public StoredSnapshot ToSigned(SignedSnapshot document, Guid auditEventId)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.SignedBytes.Span.SequenceEqual(SignedBytes.Span))
        {
            throw new ArgumentException("The signed document was made from other bytes than the pending snapshot's.", nameof(document));
        }

        return new StoredSnapshot
        {
            Id = Id, RequestId = RequestId, RootIds = RootIds, Depth = Depth, Audience = Audience, CreatedAt = CreatedAt, Actor = Actor,
            Status = SnapshotStatus.Signed, SignedBytes = SignedBytes, Document = document.Document, Hash = document.Hash,
            SignerId = document.SignerId, Signature = Convert.ToBase64String(document.Signature.Span), AuditEventId = auditEventId,
        };
    }

    /// <summary>A pending snapshot as stored.</summary>
    /// <param name="pending">What was put.</param>
    /// <returns>The stored form.</returns>
    public static StoredSnapshot FromPending(PendingSnapshot pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return new StoredSnapshot
        {
            Id = pending.Id, RequestId = pending.RequestId, RootIds = pending.RootIds, Depth = pending.Depth, Audience = pending.Audience,
            CreatedAt = pending.CreatedAt, Actor = pending.Actor, Status = SnapshotStatus.Pending, SignedBytes = pending.SignedBytes,
        };
    }
}
