namespace ReasoningGraph.Archive.Export;

/// <summary>What one <see cref="SnapshotExporter.ExportAsync"/> run did.</summary>
public sealed class SnapshotExportResult
{
    /// <summary>The audience exported.</summary>
    public required string Audience { get; init; }

    /// <summary>The batches this run wrote, in order (locations).</summary>
    public required IReadOnlyList<string> Batches { get; init; }

    /// <summary>Batches found already stored by an interrupted or concurrent run and taken as exported (locations).</summary>
    public required IReadOnlyList<string> Adopted { get; init; }

    /// <summary>Snapshots written by this run.</summary>
    public required long Snapshots { get; init; }

    /// <summary>Uncompressed document bytes written by this run.</summary>
    public required long DocumentBytes { get; init; }

    /// <summary>Compressed batch bytes written by this run.</summary>
    public required long BatchBytes { get; init; }

    /// <summary>The watermark before the run.</summary>
    public required long FromSeq { get; init; }

    /// <summary>The watermark after the run.</summary>
    public required long ToSeq { get; init; }
}
