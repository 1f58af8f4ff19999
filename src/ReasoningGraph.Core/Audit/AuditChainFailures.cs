namespace ReasoningGraph.Audit;

/// <summary>Why <see cref="AuditChainVerifier"/> rejected an event: the stable <see cref="AuditChainVerification.FailureReason"/> values.</summary>
public static class AuditChainFailures
{
    /// <summary>The payload is not a JSON object that can be canonicalized, or its <c>eventType</c> differs from the event's.</summary>
    public const string InvalidPayload = "invalid-payload";

    /// <summary>The stored hash is not <c>SHA-256(canonical(payload) ‖ prev_hash)</c>.</summary>
    public const string HashMismatch = "hash-mismatch";

    /// <summary><c>prev_hash</c> is not the previous event's hash (or is set on the first event).</summary>
    public const string BrokenLink = "broken-link";

    /// <summary>No public key is known for the event's signer id.</summary>
    public const string UnknownSigner = "unknown-signer";

    /// <summary>The signature does not verify over the hash.</summary>
    public const string BadSignature = "bad-signature";

    /// <summary><c>created_at</c> is not strictly after the previous event's.</summary>
    public const string TimeNotIncreasing = "time-not-increasing";
}
