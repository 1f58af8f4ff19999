namespace ReasoningGraph.Snapshots;

/// <summary>A snapshot store that can say how much work waits: snapshots to sign, on hold, and signed but not archived.</summary>
public interface ISnapshotBacklog
{
    /// <summary>The backlog as it stands.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The backlog.</returns>
    Task<SnapshotBacklog> GetBacklogAsync(CancellationToken cancellationToken = default);
}

/// <summary>Snapshots waiting for the worker or an operator.</summary>
/// <param name="pending">Snapshots to sign.</param>
/// <param name="onHold">Snapshots held while signing is held.</param>
/// <param name="oldestUnarchived">The oldest signed snapshot not yet archived; null when none.</param>
public sealed class SnapshotBacklog(long pending, long onHold, DateTimeOffset? oldestUnarchived)
{
    /// <summary>Snapshots to sign.</summary>
    public long Pending { get; } = pending;

    /// <summary>Snapshots on hold.</summary>
    public long OnHold { get; } = onHold;

    /// <summary>The creation time of the oldest signed snapshot not yet archived; null when every one is archived.</summary>
    public DateTimeOffset? OldestUnarchived { get; } = oldestUnarchived;
}
