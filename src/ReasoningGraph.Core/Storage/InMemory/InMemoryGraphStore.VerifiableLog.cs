using ReasoningGraph.Audit;

namespace ReasoningGraph.Storage.InMemory;

/// <remarks>The verifiable log is kept in memory as the chain advances (<see cref="EmbeddedLog"/>): proofs never read the journal.</remarks>
public sealed partial class InMemoryGraphStore : IVerifiableLog
{
    private readonly EmbeddedLog _log = new();

    /// <inheritdoc/>
    public Task<long> GetTreeSizeAsync(CancellationToken cancellationToken = default) => _log.GetTreeSizeAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> GetRootHashAsync(long treeSize, CancellationToken cancellationToken = default) => _log.GetRootHashAsync(treeSize, cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> GetEventHashAsync(long index, CancellationToken cancellationToken = default) => _log.GetEventHashAsync(index, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken = default) =>
        _log.GetInclusionProofAsync(index, treeSize, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default) =>
        _log.GetConsistencyProofAsync(oldSize, newSize, cancellationToken);

    /// <inheritdoc/>
    public Task<long?> FindEventAsync(Guid entityId, string? eventType = null, CancellationToken cancellationToken = default) =>
        _log.FindEventAsync(entityId, eventType, cancellationToken);
}
