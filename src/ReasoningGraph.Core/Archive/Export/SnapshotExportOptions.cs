namespace ReasoningGraph.Archive.Export;

/// <summary>Settings of <see cref="SnapshotExporter"/>.</summary>
public sealed class SnapshotExportOptions
{
    /// <summary>The graph exported; recorded in the watermark, and a destination holding another graph's watermark is refused. Default: <c>default</c>.</summary>
    public string GraphId { get; set; } = "default";

    /// <summary>At most this many snapshots per batch. Default: 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A batch is closed once its documents reach this many bytes (uncompressed; a batch holds at least one snapshot). Default: 64 MiB.</summary>
    public long MaxBatchBytes { get; set; } = 64L << 20;

    /// <summary>Stop after this many batches (null: until every signed snapshot is exported). Default: null.</summary>
    public int? MaxBatches { get; set; }
}
