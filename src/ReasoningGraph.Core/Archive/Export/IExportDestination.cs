namespace ReasoningGraph.Archive.Export;

/// <summary>
/// Where <see cref="SnapshotExporter"/> writes batches: write-once batch objects plus one small, replaceable watermark.
/// Implementations: <see cref="DirectoryExportDestination"/> and the S3 destination of <c>ReasoningGraph.Archive.S3</c>.
/// </summary>
public interface IExportDestination
{
    /// <summary>Where a batch of this name lives (a file path or an <c>s3://</c> URI), for reports.</summary>
    /// <param name="batchName">The batch name (<c>&lt;timestamp&gt;.jsonl.gz</c>, the UTC signing time of its first snapshot).</param>
    /// <returns>The location.</returns>
    string LocationOf(string batchName);

    /// <summary>Stores a batch durably under a name, unless that name exists: never replaces or appends.</summary>
    /// <param name="batchName">The batch name.</param>
    /// <param name="batch">The gzipped batch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call stored it; false when a batch of that name was there already (it is left as it was).</returns>
    /// <exception cref="ArchiveException">The destination failed.</exception>
    Task<bool> TryPutBatchAsync(string batchName, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored batch, or null when there is none of that name.</summary>
    /// <param name="batchName">The batch name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gzipped bytes, or null.</returns>
    Task<byte[]?> ReadBatchAsync(string batchName, CancellationToken cancellationToken = default);

    /// <summary>The watermark last written, or null when there is none yet.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The watermark or null.</returns>
    /// <exception cref="ArchiveException">The destination failed, or holds an unreadable watermark.</exception>
    Task<ExportWatermark?> ReadWatermarkAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the watermark, atomically (a reader sees the old or the new one, never a mix).</summary>
    /// <param name="watermark">The new watermark.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task completing when it is durable.</returns>
    Task WriteWatermarkAsync(ExportWatermark watermark, CancellationToken cancellationToken = default);
}
