using ReasoningGraph.Audit;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <remarks>
/// The verifiable log is served from stored tiles of the tree (<c>log_tiles</c>), extended from the events appended
/// since, as Go's checksum database and Tessera keep theirs: a proof reads a few tiles, not the chain.
/// </remarks>
public sealed partial class PostgresGraphStore : IVerifiableLog
{
    private LogTiles? _logTiles;

    private LogTiles Tiles => _logTiles ??= new LogTiles(_db);

    /// <inheritdoc/>
    public Task<long> GetTreeSizeAsync(CancellationToken cancellationToken = default) => Tiles.SizeAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> GetRootHashAsync(long treeSize, CancellationToken cancellationToken = default) =>
        Tiles.ComputeAsync(treeSize, subtree => MerkleLog.RootHash(treeSize, subtree), cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> GetEventHashAsync(long index, CancellationToken cancellationToken = default) => Tiles.EventHashAsync(index, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken = default)
    {
        if (index < 0 || index >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {treeSize} leaves.");
        }

        return Tiles.ComputeAsync(treeSize, subtree => MerkleLog.InclusionProof(index, treeSize, subtree), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default)
    {
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"A consistency proof runs from 1 ≤ old size ≤ new size ({newSize}), not {oldSize}.");
        }

        return Tiles.ComputeAsync(newSize, subtree => MerkleLog.ConsistencyProof(oldSize, newSize, subtree), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<long?> FindEventAsync(Guid entityId, string? eventType = null, CancellationToken cancellationToken = default) =>
        Tiles.FindAsync(entityId, eventType, cancellationToken);
}
