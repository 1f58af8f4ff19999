namespace ReasoningGraph.Audit;

/// <summary>
/// A store's audit chain as an RFC 6962 verifiable log (INTEROP §8): tree heads and proofs of any size up to the
/// chain's, served from interior hashes the store keeps as the chain grows (not by reading the chain). Leaf
/// <c>i</c> is the 32 raw bytes of event <c>i</c>'s hash; checkpoints are signed over <see cref="GetRootHashAsync"/>.
/// </summary>
public interface IVerifiableLog
{
    /// <summary>The number of events in the chain now: the largest tree size the other methods take.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The chain's size.</returns>
    Task<long> GetTreeSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>The root hash of the tree of the first <paramref name="treeSize"/> events.</summary>
    /// <param name="treeSize">0 to the chain's size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The 32-byte root hash.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The chain holds fewer events.</exception>
    Task<byte[]> GetRootHashAsync(long treeSize, CancellationToken cancellationToken = default);

    /// <summary>The hash of event <paramref name="index"/> (0-based): the leaf's data.</summary>
    /// <param name="index">The event's position in the chain, from 0.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The 32 hash bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The chain holds no such event.</exception>
    Task<byte[]> GetEventHashAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>The audit path of event <paramref name="index"/> in the tree of <paramref name="treeSize"/> events.</summary>
    /// <param name="index">The event's position, below <paramref name="treeSize"/>.</param>
    /// <param name="treeSize">1 to the chain's size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sibling hashes from the leaf up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index or size is out of range.</exception>
    Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken = default);

    /// <summary>The proof that the tree of <paramref name="oldSize"/> events is a prefix of the tree of <paramref name="newSize"/>.</summary>
    /// <param name="oldSize">At least 1.</param>
    /// <param name="newSize">From <paramref name="oldSize"/> to the chain's size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The proof's hashes (empty when the sizes are equal).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are out of range.</exception>
    Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default);

    /// <summary>The position of the first event that records <paramref name="entityId"/> (its payload's <c>entityId</c>), of <paramref name="eventType"/> when given.</summary>
    /// <param name="entityId">The item's, snapshot's or other entity's id.</param>
    /// <param name="eventType">One of <see cref="AuditEventTypes"/>, or null for any.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The event's position from 0; null when no event records it.</returns>
    Task<long?> FindEventAsync(Guid entityId, string? eventType = null, CancellationToken cancellationToken = default);
}
