using ReasoningGraph.Model;

namespace ReasoningGraph.Policy;

/// <summary>The default pre-write policy: allows every write.</summary>
internal sealed class AllowAllWritePolicy : IWritePolicy
{
    /// <inheritdoc/>
    public ValueTask<WritePolicyDecision> EvaluateAsync(GraphBatch batch, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(WritePolicyDecision.Allow);
}
