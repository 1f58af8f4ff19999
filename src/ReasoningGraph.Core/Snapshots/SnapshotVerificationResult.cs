namespace ReasoningGraph.Snapshots;

/// <summary>The outcome of verifying one snapshot document. A verdict, not an exception.</summary>
public sealed class SnapshotVerificationResult
{
    internal SnapshotVerificationResult(SnapshotVerificationFailure failure, string? field, string message)
    {
        Failure = failure;
        Field = field;
        Message = message;
    }

    /// <summary>True when every check passed.</summary>
    public bool IsVerified => Failure == SnapshotVerificationFailure.None;

    /// <summary>The check that failed, or <see cref="SnapshotVerificationFailure.None"/>.</summary>
    public SnapshotVerificationFailure Failure { get; }

    /// <summary>
    /// The stable code of the outcome: <c>verified</c>, <c>malformed-document</c>, <c>hash-mismatch</c>,
    /// <c>unknown-signer</c> or <c>bad-signature</c>.
    /// </summary>
    public string Reason => Failure switch
    {
        SnapshotVerificationFailure.None => "verified",
        SnapshotVerificationFailure.MalformedDocument => "malformed-document",
        SnapshotVerificationFailure.HashMismatch => "hash-mismatch",
        SnapshotVerificationFailure.UnknownSigner => "unknown-signer",
        _ => "bad-signature",
    };

    /// <summary>The document member at fault (for example <c>payload</c>, <c>hash</c>, <c>signer_kid</c>), or null.</summary>
    public string? Field { get; }

    /// <summary>A precise, human-readable account of the outcome.</summary>
    public string Message { get; }

    /// <summary>The document's <c>id</c>, when it could be read.</summary>
    public string? SnapshotId { get; internal init; }

    /// <summary>The document's <c>signer_kid</c>, when it could be read.</summary>
    public string? SignerId { get; internal init; }

    /// <summary>Lowercase hex SHA-256 of the rebuilt signed object, when it could be computed.</summary>
    public string? ComputedHash { get; internal init; }

    /// <summary>Members that are neither signed nor proof (only when <see cref="SnapshotVerificationOptions.AllowUnsignedMembers"/>).</summary>
    public IReadOnlyList<string> UnsignedMembers { get; internal init; } = [];
}
