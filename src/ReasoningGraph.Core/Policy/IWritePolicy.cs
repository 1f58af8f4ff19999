using ReasoningGraph.Model;

namespace ReasoningGraph.Policy;

/// <summary>
/// The pre-write policy hook: every write passes it before it reaches the store. A denial rejects the whole
/// batch with <c>FORBIDDEN</c>. The default allows everything.
/// </summary>
public interface IWritePolicy
{
    /// <summary>Decides whether a batch may be written.</summary>
    /// <param name="batch">The validated batch, ids assigned.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The decision.</returns>
    ValueTask<WritePolicyDecision> EvaluateAsync(GraphBatch batch, CancellationToken cancellationToken = default);
}
