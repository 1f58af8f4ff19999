using ReasoningGraph.Explanations;
using ReasoningGraph.Tracing;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary><c>GET /reason/trace/{id}/explain</c>: the rationale and the ordered causal trace it was built from.</summary>
internal sealed record ExplainedTrace
{
    public required Explanation Explanation { get; init; }

    public required CausalTrace Trace { get; init; }
}
