using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive.Export;

/// <summary>
/// Exports signed snapshots of one audience to a destination in gzipped JSONL batches (<see cref="SnapshotBatchFormat"/>),
/// from the destination's watermark on. Per batch: read the next snapshots after the watermark, store the batch under
/// its deterministic name (<c>&lt;timestamp&gt;.jsonl.gz</c>), then move the watermark. A crash between the two leaves
/// the batch stored and the watermark behind; the next run builds the batch starting at the same snapshot, gets the
/// same name, finds it stored (write-once destinations never replace) and adopts it: its last <c>seq</c> becomes the
/// watermark. So nothing is exported twice and nothing is skipped, however a run ends, and a second run with nothing
/// new to export writes nothing. Two exporters racing on one destination behave the same way (one writes, one adopts).
/// </summary>
/// <param name="feed">The signed snapshots, in signing order.</param>
/// <param name="options">The settings.</param>
public sealed class SnapshotExporter(ISignedSnapshotFeed feed, SnapshotExportOptions options)
{
    /// <summary>Exports every signed snapshot of <paramref name="audience"/> above the destination's watermark.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="audience">The audience exported to this destination.</param>
    /// <param name="cancellationToken">Cancels the run between writes; what was stored stays consistent.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="ArchiveException">
    /// <c>CONFLICT</c>: the destination holds another graph's or audience's export, or a batch that does not continue
    /// the watermark. <c>STORE_UNAVAILABLE</c>: the destination failed.
    /// </exception>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>: the snapshot store failed.</exception>
    public async Task<SnapshotExportResult> ExportAsync(IExportDestination destination, SnapshotAudience audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        string audienceName = audience == SnapshotAudience.Auditor ? "auditor" : "operator";
        var watermark = await destination.ReadWatermarkAsync(cancellationToken).ConfigureAwait(false)
            ?? new ExportWatermark(options.GraphId, audienceName, 0, null);
        if (watermark.GraphId != options.GraphId || watermark.Audience != audienceName)
        {
            throw Conflict($"The destination holds the {watermark.Audience} export of graph '{watermark.GraphId}', not the {audienceName} export of graph '{options.GraphId}'; use a destination of its own.", ExportWatermark.Name);
        }

        long from = watermark.Seq;
        List<string> written = [], adopted = [];
        long snapshots = 0, documentBytes = 0, batchBytes = 0;
        while (options.MaxBatches is not { } max || written.Count + adopted.Count < max)
        {
            var batch = await NextBatchAsync(watermark.Seq, audience, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            string name = ExportBatchNames.For(batch[0].SignedAt);
            byte[] bytes = SnapshotBatchFormat.Write(batch);
            long lastSeq;
            if (await destination.TryPutBatchAsync(name, bytes, cancellationToken).ConfigureAwait(false))
            {
                lastSeq = batch[^1].Seq;
                written.Add(destination.LocationOf(name));
                snapshots += batch.Count;
                documentBytes += batch.Sum(s => (long)s.Snapshot.Document.Length);
                batchBytes += bytes.Length;
            }
            else
            {
                lastSeq = await AdoptAsync(destination, name, batch[0].Seq, cancellationToken).ConfigureAwait(false);
                adopted.Add(destination.LocationOf(name));
            }

            // Only now that the batch is durably stored does the watermark move past it.
            watermark = new ExportWatermark(options.GraphId, audienceName, lastSeq, name);
            await destination.WriteWatermarkAsync(watermark, cancellationToken).ConfigureAwait(false);
        }

        return new SnapshotExportResult
        {
            Audience = audienceName, Batches = written, Adopted = adopted, Snapshots = snapshots, DocumentBytes = documentBytes,
            BatchBytes = batchBytes, FromSeq = from, ToSeq = watermark.Seq,
        };
    }

    private async Task<List<SequencedSnapshot>> NextBatchAsync(long afterSeq, SnapshotAudience audience, CancellationToken cancellationToken)
    {
        var rows = await feed.ReadSignedAsync(afterSeq, audience, options.BatchSize, cancellationToken).ConfigureAwait(false);
        var batch = new List<SequencedSnapshot>(rows.Count);
        long bytes = 0;
        foreach (var row in rows)
        {
            if (batch.Count > 0 && bytes + row.Snapshot.Document.Length > options.MaxBatchBytes)
            {
                break;
            }

            batch.Add(row);
            bytes += row.Snapshot.Document.Length;
        }

        return batch;
    }

    /// <summary>
    /// A batch of this name is stored already: written by a run that stopped before moving the watermark, or by a
    /// concurrent exporter. It starts at the same snapshot (same name); it may hold fewer or more snapshots than this
    /// run would have put in it. Its last seq becomes the watermark.
    /// </summary>
    private static async Task<long> AdoptAsync(IExportDestination destination, string name, long firstSeq, CancellationToken cancellationToken)
    {
        byte[] stored = await destination.ReadBatchAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw Conflict($"'{destination.LocationOf(name)}' cannot be written (it exists) and cannot be read.", name);
        IReadOnlyList<SnapshotBatchEntry> entries;
        try
        {
            entries = SnapshotBatchFormat.Read(stored);
        }
        catch (InvalidDataException e)
        {
            throw Conflict($"'{destination.LocationOf(name)}' exists but is not a gzipped batch: {e.Message}", name);
        }

        if (entries.Count == 0 || entries.Any(e => e.Error is not null || e.Seq is null) || entries[0].Seq != firstSeq)
        {
            throw Conflict($"'{destination.LocationOf(name)}' exists but does not continue the watermark (it should start at seq {firstSeq}); it was not written by this export.", name);
        }

        return entries.Max(e => e.Seq!.Value);
    }

    private static ArchiveException Conflict(string message, string name) =>
        new(ErrorCodes.Conflict, ArchiveFailureReasons.AlreadyArchived, message, name);
}
