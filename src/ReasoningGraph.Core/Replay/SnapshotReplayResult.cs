namespace ReasoningGraph.Replay;

/// <summary>The verdict of <see cref="SnapshotReplayVerifier.VerifyAsync"/> on one archived snapshot.</summary>
/// <param name="SnapshotId">The snapshot id (or the archive name when the document has none).</param>
/// <param name="Difference">Null when the snapshot verifies; else one of <see cref="SnapshotReplayDifferences"/>.</param>
/// <param name="Message">What was checked, or what differs (naming the items).</param>
/// <param name="Hash">The snapshot's hash as archived, when readable.</param>
public sealed record SnapshotReplayResult(string SnapshotId, string? Difference, string Message, string? Hash)
{
    /// <summary>True when the signature verifies and the rebuilt graph reproduces the signed bytes exactly.</summary>
    public bool IsVerified => Difference is null;
}
