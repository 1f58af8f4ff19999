using System.Text.Json;

namespace ReasoningGraph.Model;

/// <summary>The content fields of an edge.</summary>
internal sealed class EdgeContent
{
    public required Guid Id { get; init; }
    public required Guid From { get; init; }
    public required Guid To { get; init; }
    public required string Type { get; init; }
    public double? Weight { get; init; }
    public required JsonElement Metadata { get; init; }
    public string? AuditEventId { get; init; }
}
