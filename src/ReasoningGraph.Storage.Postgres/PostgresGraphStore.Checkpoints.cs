using ReasoningGraph.Audit;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresGraphStore : ICheckpointStore
{
    private CheckpointRows? _checkpoints;

    /// <summary>The checkpoints' statements, sharing this store's connections, audit chain and signing mode.</summary>
    private CheckpointRows Checkpoints => _checkpoints ??= new CheckpointRows(_db, _events.SignAsync);

    /// <inheritdoc/>
    /// <remarks>The head row's audit position: one indexed read, whatever the chain's length.</remarks>
    public Task<long> CountAuditEventsAsync(CancellationToken cancellationToken = default) => Checkpoints.CountAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default) => Checkpoints.LatestAsync(cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction under the audit head lock: the latest stored size is read under the lock, so of several hosts
    /// storing the same checkpoint one stores it and the others get null; the primary key (graph, tree size) refuses a
    /// double besides. The audit event is signed like a write's (inline, or pending during a signer outage).
    /// </remarks>
    public Task<StoredCheckpoint?> StoreCheckpointAsync(long treeSize, string lastEventHash, string signedNote, string actor, CancellationToken cancellationToken = default) =>
        Checkpoints.StoreAsync(treeSize, lastEventHash, signedNote, actor, cancellationToken);
}
