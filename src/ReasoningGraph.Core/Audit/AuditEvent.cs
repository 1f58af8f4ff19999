namespace ReasoningGraph.Audit;

/// <summary>
/// One link of the audit chain, with the fields of the <c>audit_events</c> table (INTEROP §4):
/// <c>hash = SHA-256(canonical(payload) ‖ hex-decode(prevHash))</c>, <c>signature</c> = Ed25519 over the 32 hash bytes.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>The event id (a UUIDv7 for events this library writes).</summary>
    public required Guid Id { get; init; }

    /// <summary>One of <see cref="AuditEventTypes"/>; equal to the payload's <c>eventType</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>
    /// The payload JSON object as UTF-8 (canonical bytes for events this library writes; any equivalent JSON is
    /// accepted by the verifier, which canonicalizes it).
    /// </summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The lowercase hex SHA-256 chain hash.</summary>
    public required string Hash { get; init; }

    /// <summary>The previous event's <see cref="Hash"/>; null for the first event.</summary>
    public string? PrevHash { get; init; }

    /// <summary>
    /// The standard base64 signature over the 32 bytes of <see cref="Hash"/>; null while the signature is pending (a
    /// store that defers signing during a signer outage fills it in later, in chain order; the chain's bytes do not
    /// depend on it).
    /// </summary>
    public string? Signature { get; init; }

    /// <summary>Which key signed (looked up in a signer registry); null while the signature is pending.</summary>
    public string? SignerId { get; init; }

    /// <summary>True while the event is chained but not yet signed (<see cref="Signature"/> is null).</summary>
    public bool IsSignaturePending => Signature is null;

    /// <summary>When the event was appended (UTC, microsecond precision); strictly increasing along the chain.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
