using ReasoningGraph.Audit;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <remarks>
/// The verifiable log is served from stored tiles of the tree (<c>log_tiles</c>, <see cref="LogTiles"/>), extended
/// from the events appended since, as Go's checksum database and Tessera keep theirs: a proof reads a few tiles.
/// </remarks>
public sealed partial class PostgresGraphStore : IVerifiableLog
{
    private LogTiles Tiles => field ??= new LogTiles(_db);

    /// <inheritdoc/>
    public Task<long> GetTreeSizeAsync(CancellationToken cancellationToken = default) => Tiles.GetTreeSizeAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> GetRootHashAsync(long treeSize, CancellationToken cancellationToken = default) => Tiles.GetRootHashAsync(treeSize, cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> GetEventHashAsync(long index, CancellationToken cancellationToken = default) => Tiles.GetEventHashAsync(index, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken = default) =>
        Tiles.GetInclusionProofAsync(index, treeSize, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default) =>
        Tiles.GetConsistencyProofAsync(oldSize, newSize, cancellationToken);

    /// <inheritdoc/>
    public Task<long?> FindEventAsync(Guid entityId, string? eventType = null, CancellationToken cancellationToken = default) =>
        Tiles.FindEventAsync(entityId, eventType, cancellationToken);
}
