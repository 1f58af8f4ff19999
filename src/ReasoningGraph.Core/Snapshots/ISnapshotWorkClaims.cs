using System.Diagnostics.CodeAnalysis;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// The work list of snapshot finishers: pending snapshots to sign and signed snapshots not yet archived. A claim
/// hands each snapshot to one finisher for a lease (its next attempt time moves to the lease's end), so finishers
/// running side by side never work on the same snapshot; a failure sets the next attempt time (the backoff), which is
/// stored with the snapshot and so survives restarts. The PostgreSQL store claims with <c>FOR UPDATE SKIP LOCKED</c>
/// and is safe across processes; the in-memory store is safe within its one process only.
/// </summary>
[Experimental("RG0001")]
public interface ISnapshotWorkClaims
{
    /// <summary>
    /// Claims up to <see cref="SnapshotClaimRequest.Limit"/> due snapshots, oldest first: each one's attempt count
    /// grows by one and its next attempt time becomes the end of the lease.
    /// </summary>
    /// <param name="request">What to claim.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed snapshots, oldest first (pending ones with their signed bytes, signed ones with their document).</returns>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>.</exception>
    Task<IReadOnlyList<SnapshotWorkItem>> ClaimAsync(SnapshotClaimRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed snapshot back after a failure: it is due again at <paramref name="nextAttemptAt"/>.</summary>
    /// <param name="id">The snapshot id.</param>
    /// <param name="nextAttemptAt">When it may be claimed again.</param>
    /// <param name="errorCode">The error code of the failure (kept for operators).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once recorded.</returns>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>.</exception>
    Task RetryLaterAsync(Guid id, DateTimeOffset nextAttemptAt, string errorCode, CancellationToken cancellationToken = default);

    /// <summary>Records that a signed snapshot is in the archive: it is never claimed again.</summary>
    /// <param name="id">The snapshot id.</param>
    /// <param name="archivedAt">When it was archived.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once recorded.</returns>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>.</exception>
    Task MarkArchivedAsync(Guid id, DateTimeOffset archivedAt, CancellationToken cancellationToken = default);
}
