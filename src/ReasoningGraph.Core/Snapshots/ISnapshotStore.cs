using ReasoningGraph.Errors;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Where snapshots live. A snapshot is stored <see cref="SnapshotStatus.Pending"/> first and becomes
/// <see cref="SnapshotStatus.Signed"/> in one atomic step that stores the document bytes and the signature and
/// appends the <c>reason.snapshot.created</c> audit event; nothing in between is observable. Implementations: the
/// in-memory snapshot store and the PostgreSQL store. Thread-safe.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Records a pending snapshot. When <see cref="PendingSnapshot.RequestId"/> is already taken, nothing is written
    /// and the snapshot stored under it is returned instead: one request id never yields two snapshots.
    /// </summary>
    /// <param name="snapshot">The built snapshot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored snapshot: this one, or the earlier one of the same request id.</returns>
    /// <exception cref="ReasoningGraphException"><c>CONFLICT</c>: the snapshot id exists already.</exception>
    Task<StoredSnapshot> PutPendingAsync(PendingSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a pending snapshot signed: stores the document and signature and appends its audit event (signed by
    /// the store's audit signer), atomically. When it is signed already, changes nothing and returns it.
    /// </summary>
    /// <param name="id">The snapshot id.</param>
    /// <param name="document">The signed document of the snapshot's <see cref="StoredSnapshot.SignedBytes"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signed snapshot.</returns>
    /// <exception cref="ReasoningGraphException">
    /// <c>NOT_FOUND</c>: no such snapshot. <c>SIGNING_FAILURE</c>: the audit event could not be signed (the snapshot
    /// stays pending). <c>STORE_UNAVAILABLE</c>.
    /// </exception>
    Task<StoredSnapshot> MarkSignedAsync(Guid id, SignedSnapshot document, CancellationToken cancellationToken = default);

    /// <summary>A snapshot by id, in whatever status; null when there is none.</summary>
    /// <param name="id">The snapshot id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot or null.</returns>
    Task<StoredSnapshot?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The snapshot of a request id, in whatever status; null when there is none.</summary>
    /// <param name="requestId">The caller's idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot or null.</returns>
    Task<StoredSnapshot?> GetByRequestIdAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most recent signed snapshot (by <c>created_at</c>, then id) that has <paramref name="rootId"/> among its
    /// roots; null when there is none. What an export of the node shows as its verification data.
    /// </summary>
    /// <param name="rootId">A node id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot or null.</returns>
    Task<StoredSnapshot?> GetLatestSignedByRootAsync(Guid rootId, CancellationToken cancellationToken = default);

    /// <summary>The pending snapshots, oldest first.</summary>
    /// <param name="limit">At most this many (positive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="limit"/> pending snapshots.</returns>
    Task<IReadOnlyList<StoredSnapshot>> ListPendingAsync(int limit, CancellationToken cancellationToken = default);
}
