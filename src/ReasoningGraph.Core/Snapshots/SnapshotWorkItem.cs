namespace ReasoningGraph.Snapshots;

/// <summary>A snapshot claimed by a finisher.</summary>
/// <param name="Snapshot">The snapshot: pending (to sign, then archive) or signed (to archive).</param>
/// <param name="Attempts">How many times it has been claimed, this claim included (the backoff grows with it).</param>
public sealed record SnapshotWorkItem(StoredSnapshot Snapshot, int Attempts);
