using ReasoningGraph.Model;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage;

/// <summary>
/// Where the graph lives. Implementations: the embedded in-memory store (optionally journaled) and PostgreSQL.
/// Every implementation must pass the contract suite (<c>StoreContractTests</c>).
/// </summary>
/// <remarks>
/// <para>
/// Model rules (accepted types, payload size, required fields) are enforced by the caller before
/// <see cref="AppendAsync"/>; the store enforces what needs its data, atomically: ids and idempotency, edge
/// endpoints and annotation targets, sequence numbers and times.
/// </para>
/// <para>
/// Reads take an <c>asOf</c> sequence number and see exactly the items with <c>seq</c> ≤ <c>asOf</c>, so a
/// multi-call read (a paged walk) is consistent while appends continue. Every item is returned with its
/// <see cref="GraphItem.Seq"/> and <see cref="GraphItem.CreatedAt"/>. Implementations are thread-safe.
/// </para>
/// </remarks>
public interface IReasoningGraphStore
{
    /// <summary>The highest sequence number stored, 0 when the store is empty.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current maximum <c>seq</c>.</returns>
    ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a batch atomically. Items get strictly increasing sequence numbers in batch order and one store
    /// time (unless an input carries <see cref="GraphItemInput.CreatedAt"/>, which is kept).
    /// </summary>
    /// <param name="batch">Inputs whose ids are all assigned.</param>
    /// <param name="cancellationToken">Cancels the call; once the write is committed it is not undone.</param>
    /// <returns>The stored item for every input, and which were written.</returns>
    /// <exception cref="ReasoningGraphException">
    /// <c>CONFLICT</c> (field <c>id</c>): the id exists with different content or as another kind.
    /// <c>NOT_FOUND</c> (field <c>from</c>, <c>to</c> or <c>targetId</c>): a referenced item is neither stored nor
    /// earlier in the batch. Details carry <c>field</c>, <c>index</c> (position in the batch) and <c>id</c>.
    /// When thrown, nothing was written.
    /// </exception>
    /// <exception cref="ArgumentException">An input has no id.</exception>
    Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The items with the given ids (any kind) visible as of <paramref name="asOf"/>; unknown ids are skipped.</summary>
    /// <param name="ids">The ids.</param>
    /// <param name="asOf">Only items with <c>seq</c> ≤ this.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The found items, each once, in any order.</returns>
    Task<IReadOnlyList<GraphItem>> GetItemsAsync(IReadOnlyCollection<Guid> ids, long asOf, CancellationToken cancellationToken = default);

    /// <summary>The edges of a whole frontier, and their far-end nodes, in one round trip.</summary>
    /// <param name="request">The frontier, direction, snapshot and filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching edges and their far-end nodes.</returns>
    Task<FrontierResult> GetFrontierAsync(FrontierRequest request, CancellationToken cancellationToken = default);

    /// <summary>The annotations on any of the given nodes or edges, as of <paramref name="asOf"/>.</summary>
    /// <param name="targetIds">The annotated items' ids.</param>
    /// <param name="asOf">Only annotations with <c>seq</c> ≤ this.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The annotations in <c>seq</c> order.</returns>
    Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(IReadOnlyCollection<Guid> targetIds, long asOf, CancellationToken cancellationToken = default);

    /// <summary>One keyset page of the nodes matching a filter, in <c>seq</c> order.</summary>
    /// <param name="filter">Which nodes.</param>
    /// <param name="afterSeq">Only nodes with <c>seq</c> &gt; this (0 for the first page).</param>
    /// <param name="asOf">Only nodes with <c>seq</c> ≤ this.</param>
    /// <param name="limit">At most this many nodes (positive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="limit"/> nodes in ascending <c>seq</c> order.</returns>
    Task<IReadOnlyList<ReasoningNode>> QueryNodesAsync(NodeFilter filter, long afterSeq, long asOf, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every item with <paramref name="afterSeq"/> &lt; <c>seq</c> ≤ <paramref name="asOf"/>, in <c>seq</c> order (export, replication).</summary>
    /// <param name="afterSeq">Start after this sequence number (0 for everything).</param>
    /// <param name="asOf">Stop at this sequence number.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The items, streamed.</returns>
    IAsyncEnumerable<GraphItem> ReadAllAsync(long afterSeq, long asOf, CancellationToken cancellationToken = default);
}
