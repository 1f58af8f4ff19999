namespace ReasoningGraph.Archive;

/// <summary>One archived document as listed by <see cref="ISnapshotArchive.ListAsync"/>.</summary>
/// <param name="SnapshotId">The snapshot id.</param>
/// <param name="Hash">The lowercase hex hash of the document.</param>
/// <param name="Name">The object name (<see cref="ArchiveNames.For"/>).</param>
/// <param name="Size">The stored size in bytes.</param>
public sealed record ArchiveEntry(string SnapshotId, string Hash, string Name, long Size);
