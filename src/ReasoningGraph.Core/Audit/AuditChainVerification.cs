namespace ReasoningGraph.Audit;

/// <summary>The verdict of <see cref="AuditChainVerifier"/>: valid, or the first bad event and why.</summary>
public sealed class AuditChainVerification
{
    /// <summary>True when every event checked out.</summary>
    public bool IsValid => FailureReason is null;

    /// <summary>How many events verified before the first failure (all of them when valid).</summary>
    public long VerifiedCount { get; init; }

    /// <summary>The hash of the last verified event; null when none verified.</summary>
    public string? LastHash { get; init; }

    /// <summary>The zero-based position of the first bad event in the order given; null when valid.</summary>
    public long? FailedIndex { get; init; }

    /// <summary>The id of the first bad event; null when valid.</summary>
    public Guid? FailedEventId { get; init; }

    /// <summary>One of <see cref="AuditChainFailures"/>; null when valid.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// How many of the verified events are chained but not yet signed (their hash and links checked, no signature to
    /// check). Not a failure: a store that defers signatures during a signer outage fills them in later; callers that
    /// need every event signed (<c>audit-verify --require-signed</c>) check this.
    /// </summary>
    public long PendingSignatureCount { get; init; }

    /// <summary>The id of the first event whose signature is pending; null when none is.</summary>
    public Guid? FirstPendingEventId { get; init; }

    /// <summary>A human-readable explanation of the failure; null when valid.</summary>
    public string? Message { get; init; }
}
