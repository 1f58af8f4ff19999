namespace ReasoningGraph.Snapshots;

/// <summary>Settings of <see cref="SnapshotVerifier"/>.</summary>
public sealed class SnapshotVerificationOptions
{
    /// <summary>
    /// Whether members outside the signed object and the proof are tolerated (and listed in
    /// <see cref="SnapshotVerificationResult.UnsignedMembers"/>). Default: false — such members are data an
    /// auditor could mistake for signed content, so the document is reported malformed.
    /// </summary>
    public bool AllowUnsignedMembers { get; set; }
}
