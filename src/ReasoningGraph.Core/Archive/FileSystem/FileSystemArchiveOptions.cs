namespace ReasoningGraph.Archive.FileSystem;

/// <summary>Settings of <see cref="FileSystemSnapshotArchive"/>.</summary>
public sealed class FileSystemArchiveOptions
{
    /// <summary>The directory holding the archived documents; created when missing. No default: required.</summary>
    public string Directory { get; set; } = "";
}
