using System.Diagnostics.CodeAnalysis;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Writing;

/// <summary>The store's own rules for <see cref="WritePlanner"/>. One instance can serve every planner of a store.</summary>
/// <remarks>Part of the store-implementer kit: the API may change in a minor version (diagnostic <c>RG0001</c>).</remarks>
[Experimental("RG0001")]
public sealed class WritePlannerOptions
{
    /// <summary>
    /// Whether the store audits its writes: then the plan carries the entity hash of every created item (computed
    /// after the checks, on all cores for large writes), and JSON that cannot be canonicalized, so neither hashed
    /// nor audited, is <c>INVALID_PAYLOAD</c> (field <c>payload</c>) naming the input. Otherwise the plan has no
    /// hashes and a replay whose JSON cannot be canonicalized throws the <c>CanonicalizationException</c> itself.
    /// Default: false.
    /// </summary>
    public bool HashEntities { get; init; }

    /// <summary>
    /// The store's own check of a new input (not run for replays), called with the input and its index after the
    /// idempotency check and before the references are checked; throw a <c>ReasoningGraphException</c> (built with
    /// <c>GraphErrors</c>) to reject it. Default: none.
    /// </summary>
    public Action<GraphItemInput, long>? CheckInput { get; init; }

    /// <summary>The highest seq the store can assign; planning past it throws <see cref="InvalidOperationException"/>. Default: <see cref="long.MaxValue"/>.</summary>
    public long SeqLimit { get; init; } = long.MaxValue;

    /// <summary>The message of the exception thrown at <see cref="SeqLimit"/>. Default: null, for a message naming the limit.</summary>
    public string? SeqLimitMessage { get; init; }
}
