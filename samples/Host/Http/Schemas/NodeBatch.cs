using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The body of <c>POST /reason/nodes</c>.</summary>
internal sealed record NodeBatch
{
    public required IReadOnlyList<NodeInput> Nodes { get; init; }

    [JsonPropertyName("audit_context")]
    public BatchAuditContext? AuditContext { get; init; }
}
