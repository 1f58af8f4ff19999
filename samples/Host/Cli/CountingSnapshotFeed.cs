using ReasoningGraph.Archive.Export;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>export-snapshots</c>' progress: counts each snapshot once as the exporter reads it for a batch. A snapshot read
/// again (the exporter closes a batch at its byte limit and reads the rest once more) is not counted twice: the feed
/// only goes forward, so anything at or below the highest seq counted has been counted.
/// </summary>
internal sealed class CountingSnapshotFeed(ISignedSnapshotFeed inner, CliProgress progress) : ISignedSnapshotFeed
{
    private long _highestCounted = long.MinValue;

    public async Task<IReadOnlyList<SequencedSnapshot>> ReadSignedAsync(long afterSeq, SnapshotAudience audience, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await inner.ReadSignedAsync(afterSeq, audience, limit, cancellationToken);
        int fresh = rows.Count(r => r.Seq > _highestCounted);
        if (rows.Count > 0)
        {
            _highestCounted = Math.Max(_highestCounted, rows[^1].Seq);
        }

        progress.Add(fresh);
        return rows;
    }

    public Task<bool> AnySignedAsync(long afterSeq, SnapshotAudience audience, CancellationToken cancellationToken = default) =>
        inner.AnySignedAsync(afterSeq, audience, cancellationToken);

    /// <summary>The next audience's feed starts from its own watermark.</summary>
    public void Restart() => _highestCounted = long.MinValue;
}
