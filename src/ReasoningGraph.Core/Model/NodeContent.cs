using System.Text.Json;

namespace ReasoningGraph.Model;

/// <summary>The content fields of a node: everything but the store-assigned <c>createdAt</c> and <c>seq</c>.</summary>
internal sealed class NodeContent
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Author { get; init; }
    public required JsonElement Payload { get; init; }
    public required JsonElement Metadata { get; init; }
    public string? Version { get; init; }
    public string? ManifestSignatureId { get; init; }
    public string? AuditEventId { get; init; }
}
