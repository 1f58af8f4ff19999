namespace ReasoningGraph.Snapshots;

/// <summary>What <see cref="SnapshotService.RetryPendingAsync"/> achieved.</summary>
/// <param name="Completed">Snapshots signed during the call.</param>
/// <param name="StillPending">Snapshots that failed in the last pass and remain pending.</param>
/// <param name="LastError">The error code of the last failure, or null.</param>
public sealed record SnapshotRetryResult(int Completed, int StillPending, string? LastError);
