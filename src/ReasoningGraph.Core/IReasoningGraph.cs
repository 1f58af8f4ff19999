using ReasoningGraph.Explanations;
using ReasoningGraph.Model;
using ReasoningGraph.Querying;
using ReasoningGraph.Tracing;
using ReasoningGraph.Traversal;
using ReasoningGraph.Errors;

namespace ReasoningGraph;

/// <summary>
/// Reasoning Graph as the Kernel calls it in-process: record reasoning, walk it, explain it. Every failure is a
/// <see cref="ReasoningGraphException"/> with a stable <see cref="ReasoningGraphException.ErrorCode"/>; a rejected
/// write changes nothing.
/// </summary>
public interface IReasoningGraph
{
    /// <summary>Records one node; the id is generated (UUIDv7) when absent. Idempotent on the id.</summary>
    /// <param name="node">The node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored node (the earlier one for an idempotent replay).</returns>
    Task<ReasoningNode> AppendNodeAsync(NodeInput node, CancellationToken cancellationToken = default);

    /// <summary>Records one edge; both endpoints must exist.</summary>
    /// <param name="edge">The edge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored edge.</returns>
    Task<ReasoningEdge> AppendEdgeAsync(EdgeInput edge, CancellationToken cancellationToken = default);

    /// <summary>Records an annotation (a note, a correction, …) on a node or an edge.</summary>
    /// <param name="annotation">The annotation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored annotation.</returns>
    Task<ReasoningAnnotation> AnnotateAsync(AnnotationInput annotation, CancellationToken cancellationToken = default);

    /// <summary>Records a batch atomically: everything or nothing. Inputs may not carry <c>createdAt</c>.</summary>
    /// <param name="batch">The inputs, in order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored items and which were written.</returns>
    Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="AppendAsync"/> for imports and replays: inputs keep the <c>createdAt</c> they carry.</summary>
    /// <param name="batch">The inputs, in order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored items and which were written.</returns>
    Task<AppendResult> ImportAsync(GraphBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// The graph's position: the <c>seq</c> of its latest item (0 when empty). Reads made at one position give the
    /// same answer until it moves, which is what a reader's cache keys on (<see cref="Tracing.CausalTrace.AsOf"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The max <c>seq</c>.</returns>
    ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default);

    /// <summary>A node by id; <c>NOT_FOUND</c> when there is none.</summary>
    /// <param name="id">The node's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The node.</returns>
    Task<ReasoningNode> GetNodeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>An edge by id; <c>NOT_FOUND</c> when there is none.</summary>
    /// <param name="id">The edge's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The edge.</returns>
    Task<ReasoningEdge> GetEdgeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A node with its incoming and outgoing edges; <c>NOT_FOUND</c> when there is no such node.</summary>
    /// <param name="id">The node's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The node and its edges.</returns>
    Task<NodeNeighborhood> GetNeighborhoodAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The annotations on a node or an edge, in <c>seq</c> order.</summary>
    /// <param name="targetId">The annotated item's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The annotations.</returns>
    Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(Guid targetId, CancellationToken cancellationToken = default);

    /// <summary>One page of a cycle-safe walk from <paramref name="root"/> (see DESIGN.md, "Traversal").</summary>
    /// <param name="root">The start node.</param>
    /// <param name="direction">Ancestors or descendants.</param>
    /// <param name="options">Depth, filters, order, page size, cursor; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ReasoningGraphException"><c>NOT_FOUND</c> (root), <c>INVALID_CURSOR</c>, <c>INVALID_PAYLOAD</c> (options).</exception>
    Task<TraversalPage> TraceAsync(Guid root, TraversalDirection direction, TraversalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Everything that led to a node, as one ordered path (see DESIGN.md, "Ordered causal trace").</summary>
    /// <param name="id">The node to explain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The trace.</returns>
    Task<CausalTrace> GetCausalTraceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>One keyset page of the nodes matching a filter, in <c>seq</c> order.</summary>
    /// <param name="query">The filter, page size and cursor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<NodeQueryPage> QueryAsync(NodeQuery query, CancellationToken cancellationToken = default);

    /// <summary>A readable rationale for a node, built from its ordered causal trace.</summary>
    /// <param name="id">The node to explain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The explanation.</returns>
    Task<Explanation> ExplainAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A readable rationale for a trace already computed.</summary>
    /// <param name="trace">The trace.</param>
    /// <returns>The explanation.</returns>
    Explanation Explain(CausalTrace trace);
}
