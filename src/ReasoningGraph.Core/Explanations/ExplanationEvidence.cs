using System.Text.Json.Serialization;

namespace ReasoningGraph.Explanations;

/// <summary>A reference backing an explanation.</summary>
public sealed class ExplanationEvidence
{
    /// <summary>An audit event id, or the id of an annotation.</summary>
    [JsonPropertyName("audit_ref")]
    public required string AuditRef { get; init; }

    /// <summary>What the reference shows.</summary>
    public required string Note { get; init; }
}
