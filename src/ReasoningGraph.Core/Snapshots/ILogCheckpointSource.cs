namespace ReasoningGraph.Snapshots;

/// <summary>
/// Gives the audit log's current signed checkpoint, which <see cref="SnapshotService"/> attaches to each document it
/// signs (<see cref="SignedSnapshot.WithLogCheckpoint"/>), so a snapshot names the log state it was signed in.
/// </summary>
public interface ILogCheckpointSource
{
    /// <summary>The current checkpoint's signed note; null when there is none to attach.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The signed note, or null.</returns>
    Task<string?> GetCurrentCheckpointAsync(CancellationToken cancellationToken = default);
}
