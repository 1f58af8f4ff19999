namespace ReasoningGraph.Archive;

/// <summary>What <see cref="ISnapshotArchive.PutAsync"/> stored and the protection it read back.</summary>
public sealed class ArchiveReceipt
{
    /// <summary>The object name (<see cref="ArchiveNames.For"/>) under the archive's root or prefix.</summary>
    public required string Name { get; init; }

    /// <summary>Where the document lives: a file path or an <c>s3://bucket/key</c> URI.</summary>
    public required string Location { get; init; }

    /// <summary>The number of bytes stored.</summary>
    public required long Size { get; init; }

    /// <summary>The retention mode read back from the archive (<c>COMPLIANCE</c>, <c>GOVERNANCE</c>), or null when the archive has none (a file system).</summary>
    public string? RetentionMode { get; init; }

    /// <summary>The end of the retention read back from the archive, or null when the archive has none.</summary>
    public DateTimeOffset? RetainUntil { get; init; }

    /// <summary>The object version the archive assigned, or null.</summary>
    public string? VersionId { get; init; }
}
