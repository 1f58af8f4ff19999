using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Archive.Export;

/// <summary>A signed snapshot with its place in the order of signing (<see cref="ISignedSnapshotFeed"/>).</summary>
/// <param name="Seq">The export sequence number: strictly increasing in the order snapshots were signed.</param>
/// <param name="SignedAt">When it was signed (its audit event's time): strictly increasing with <paramref name="Seq"/>.</param>
/// <param name="Snapshot">The signed snapshot, with its document.</param>
public sealed record SequencedSnapshot(long Seq, DateTimeOffset SignedAt, StoredSnapshot Snapshot);
