using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Export;

/// <summary>
/// The verification shown on a snapshot's page: the verifier's result and the keys it used (<c>null</c> when none was
/// given: the verifier then knew no signer, so at best the hashes were checked).
/// </summary>
internal sealed record SnapshotPageVerdict(SnapshotVerificationResult Result, string? Keys)
{
    /// <summary>
    /// <c>verified</c> only when keys were given and the document verified with them; <c>not-verified</c> when no key
    /// was given and nothing but the signer lookup failed; otherwise <c>failed</c>.
    /// </summary>
    public string State => Keys is null
        ? Result.Failure is SnapshotVerificationFailure.UnknownSigner or SnapshotVerificationFailure.None ? "not-verified" : "failed"
        : Result.IsVerified ? "verified" : "failed";

    /// <summary>The failure as <c>reason (field): message</c>.</summary>
    public string Failure => $"{Result.Reason}{(Result.Field is null ? "" : $" ({Result.Field})")}: {Result.Message}";
}
