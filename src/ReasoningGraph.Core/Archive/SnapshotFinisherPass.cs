namespace ReasoningGraph.Archive;

/// <summary>What one <see cref="SnapshotFinisher.RunPassAsync"/> did.</summary>
public sealed class SnapshotFinisherPass
{
    /// <summary>Pending snapshots signed.</summary>
    public int SignedCount { get; internal set; }

    /// <summary>Documents put into the archive.</summary>
    public int ArchivedCount { get; internal set; }

    /// <summary>Puts the archive refused as <c>already-archived</c> (counted as archived: the copy is there).</summary>
    public int FoundArchivedCount { get; internal set; }

    /// <summary>Attempts that failed and were scheduled again.</summary>
    public int FailedCount { get; internal set; }

    /// <summary>The error code (or archive reason) of the last failure, or null.</summary>
    public string? LastError { get; internal set; }
}
