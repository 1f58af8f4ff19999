namespace ReasoningGraph.Archive.Export;

/// <summary>One line of an export batch as read back (<see cref="SnapshotBatchFormat.Read"/>).</summary>
public sealed class SnapshotBatchEntry
{
    /// <summary>The 1-based line number in the decompressed batch.</summary>
    public required int LineNumber { get; init; }

    /// <summary>The line's <c>seq</c>, or null when the line is malformed.</summary>
    public long? Seq { get; init; }

    /// <summary>The line's <c>id</c> (the snapshot id it claims), or null.</summary>
    public string? SnapshotId { get; init; }

    /// <summary>The line's <c>hash</c> (the hash it claims), or null.</summary>
    public string? Hash { get; init; }

    /// <summary>The line's <c>audience</c>, or null.</summary>
    public string? Audience { get; init; }

    /// <summary>The snapshot document, byte for byte as signed; empty when the line is malformed.</summary>
    public ReadOnlyMemory<byte> Document { get; init; }

    /// <summary>Why the line cannot be read (not JSON, a member missing or of the wrong type), or null when it can.</summary>
    public string? Error { get; init; }
}
