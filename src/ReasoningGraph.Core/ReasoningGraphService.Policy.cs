using ReasoningGraph.Model;
using ReasoningGraph.Policy;
using ReasoningGraph.Errors;

namespace ReasoningGraph;

public sealed partial class ReasoningGraphService
{
    /// <summary>
    /// Writes the <c>policyCheck</c> node recording a denial (with its audit event when the store keeps a chain) and
    /// returns the <c>FORBIDDEN</c> error for the denied write, of which nothing is written. The record bypasses the
    /// policy (it would otherwise recurse) and the accepted-type check (it is the library's own node).
    /// </summary>
    private async Task<ReasoningGraphException> RecordDenialAsync(GraphBatch denied, WritePolicyDecision decision, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string> { ["policyId"] = decision.PolicyId ?? "", ["rationale"] = decision.Rationale ?? "" };
        var message = $"The write was denied by policy {decision.PolicyId}: {decision.Rationale}";
        var record = PolicyCheckRecord.Create(Guid.CreateVersion7(_timeProvider.GetUtcNow()), denied, decision);
        try
        {
            await _store.AppendAsync([record], cancellationToken).ConfigureAwait(false);
            details["policyCheckId"] = record.Id!.Value.ToString();
            return new ReasoningGraphException(ErrorCodes.Forbidden, message) { Details = details };
        }
        catch (ReasoningGraphException e)
        {
            // The write stays denied whatever happened to its record: FORBIDDEN, not the store's (maybe transient)
            // error, so the caller does not retry a refused write. The failure travels as the inner exception.
            return new ReasoningGraphException(ErrorCodes.Forbidden, message + " (the policyCheck record could not be written)", e) { Details = details };
        }
    }
}
