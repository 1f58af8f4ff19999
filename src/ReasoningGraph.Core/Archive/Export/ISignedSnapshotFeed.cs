using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Archive.Export;

/// <summary>
/// Signed snapshots in the order they were signed, for <see cref="SnapshotExporter"/>. The sequence number
/// (<see cref="SequencedSnapshot.Seq"/>) only grows: a snapshot signed later never gets a smaller one, so a
/// watermark "everything up to seq N is exported" stays true as snapshots are signed. Implemented by the
/// PostgreSQL store (the position of the snapshot's <c>reason.snapshot.created</c> event in the audit chain).
/// </summary>
public interface ISignedSnapshotFeed
{
    /// <summary>The signed snapshots of one audience with a sequence number above <paramref name="afterSeq"/>, lowest first.</summary>
    /// <param name="afterSeq">The watermark: only snapshots with a larger sequence number are returned.</param>
    /// <param name="audience">Only snapshots of this audience.</param>
    /// <param name="limit">At most this many (positive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="limit"/> snapshots in sequence order, with their documents.</returns>
    Task<IReadOnlyList<SequencedSnapshot>> ReadSignedAsync(long afterSeq, SnapshotAudience audience, int limit, CancellationToken cancellationToken = default);

    /// <summary>Whether any signed snapshot of <paramref name="audience"/> has a sequence number above <paramref name="afterSeq"/>.</summary>
    /// <param name="afterSeq">The watermark.</param>
    /// <param name="audience">The audience.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when there is at least one.</returns>
    Task<bool> AnySignedAsync(long afterSeq, SnapshotAudience audience, CancellationToken cancellationToken = default);
}
