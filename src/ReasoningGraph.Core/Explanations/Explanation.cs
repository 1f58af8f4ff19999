namespace ReasoningGraph.Explanations;

/// <summary>
/// A readable rationale for a node: <c>{"summary","components":[{"name","value","confidence"}],"evidence":[{"audit_ref","note"}]}</c>.
/// </summary>
public sealed record Explanation
{
    /// <summary>A few sentences: what was decided, by whom, on what it rests, and what was corrected.</summary>
    public required string Summary { get; init; }

    /// <summary>One entry per reasoning step in causal order, the explained node last unless a cycle intervenes.</summary>
    public required IReadOnlyList<ExplanationComponent> Components { get; init; }

    /// <summary>Where to check: audit events of the steps and the annotations (notes, corrections) on them.</summary>
    public required IReadOnlyList<ExplanationEvidence> Evidence { get; init; }

    /// <summary>Counts only: the summary and evidence may carry PII, and results end up in logs.</summary>
    /// <returns>For example <c>Explanation (3 components, 5 evidence)</c>.</returns>
    public override string ToString() => $"Explanation ({Components.Count} components, {Evidence.Count} evidence)";
}
