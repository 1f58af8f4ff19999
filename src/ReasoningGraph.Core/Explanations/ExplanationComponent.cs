using System.Text.Json.Serialization;

namespace ReasoningGraph.Explanations;

/// <summary>One reasoning step of an explanation.</summary>
public sealed class ExplanationComponent
{
    /// <summary>The step: its node type and id, for example <c>decision 0198…</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its rationale: the payload's <c>reason</c>/<c>rationale</c>/… text and <c>score</c>, else the payload itself, compact and shortened.</summary>
    public required string Value { get; init; }

    /// <summary>The node's <c>metadata.confidence</c>; null when it has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Confidence { get; init; }
}
