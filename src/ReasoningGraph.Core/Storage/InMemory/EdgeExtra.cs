using System.Text.Json;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>The rarely present fields of an edge.</summary>
internal sealed class EdgeExtra(JsonElement metadata, string? auditEventId)
{
    public JsonElement Metadata { get; } = metadata;

    public string? AuditEventId { get; } = auditEventId;
}
