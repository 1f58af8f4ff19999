using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The body of <c>POST /reason/edges</c>.</summary>
internal sealed record EdgeBatch
{
    public required IReadOnlyList<EdgeInput> Edges { get; init; }

    [JsonPropertyName("audit_context")]
    public BatchAuditContext? AuditContext { get; init; }
}
