using System.Security.Cryptography;
using System.Text;

namespace ReasoningGraph.Audit;

/// <summary>
/// A signed checkpoint a store keeps (<see cref="ICheckpointStore"/>): the C2SP signed note of the first
/// <see cref="TreeSize"/> events of the chain, and the audit event that records it. That event is appended after the
/// checkpoint was taken, so it is never among the events the checkpoint covers: its position is
/// <see cref="TreeSize"/> or later (the next checkpoint covers it).
/// </summary>
public sealed class StoredCheckpoint
{
    /// <summary>Describes a stored checkpoint.</summary>
    /// <param name="id">The checkpoint's id (a UUIDv7): the audit event's <c>entityId</c>.</param>
    /// <param name="treeSize">The number of events the checkpoint covers.</param>
    /// <param name="signedNote">The signed note.</param>
    /// <param name="createdAt">When it was stored.</param>
    /// <param name="auditEventId">The audit event recording it.</param>
    public StoredCheckpoint(Guid id, long treeSize, string signedNote, DateTimeOffset createdAt, Guid auditEventId)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        Id = id;
        TreeSize = treeSize;
        SignedNote = signedNote;
        CreatedAt = createdAt;
        AuditEventId = auditEventId;
    }

    /// <summary>The checkpoint's id: the audit event's <c>entityId</c>.</summary>
    public Guid Id { get; }

    /// <summary>The number of events the checkpoint covers.</summary>
    public long TreeSize { get; }

    /// <summary>The C2SP signed note (<see cref="LogCheckpoint"/> text and its signature lines).</summary>
    public string SignedNote { get; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The audit event recording it.</summary>
    public Guid AuditEventId { get; }

    /// <summary>The audit event's <c>entityHash</c> for a signed note: lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    /// <param name="signedNote">The signed note.</param>
    /// <returns>64 hex characters.</returns>
    public static string EntityHash(string signedNote)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signedNote)));
    }
}
