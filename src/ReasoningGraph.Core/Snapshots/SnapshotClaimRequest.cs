namespace ReasoningGraph.Snapshots;

/// <summary>What <see cref="ISnapshotWorkClaims.ClaimAsync"/> claims.</summary>
public sealed record SnapshotClaimRequest
{
    /// <summary>At most this many snapshots (positive).</summary>
    public required int Limit { get; init; }

    /// <summary>The finisher's clock: snapshots whose next attempt time is at or before it are due.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>How long the claim lasts; longer than one attempt (signing plus archiving) may take.</summary>
    public required TimeSpan Lease { get; init; }

    /// <summary>
    /// A pending snapshot never tried by a finisher is due only this long after its <c>created_at</c>: the request
    /// that created it is still signing it meanwhile, and the finisher must not ask for a second signature.
    /// </summary>
    public TimeSpan Grace { get; init; }

    /// <summary>Whether signed snapshots not yet archived are claimed too (false when no archive is configured).</summary>
    public bool IncludeUnarchived { get; init; }
}
