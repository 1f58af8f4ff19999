using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>An edge to write. Both endpoints must exist in the store or earlier in the same batch.</summary>
public sealed record EdgeInput : GraphItemInput
{
    /// <summary>The id of the node the edge starts at.</summary>
    [JsonPropertyOrder(1)]
    public required Guid From { get; init; }

    /// <summary>The id of the node the edge ends at.</summary>
    [JsonPropertyOrder(2)]
    public required Guid To { get; init; }

    /// <summary>The edge type; must be one of the accepted edge types.</summary>
    [JsonPropertyOrder(3)]
    public required string Type { get; init; }

    /// <summary>An optional finite weight.</summary>
    [JsonPropertyOrder(4)]
    public double? Weight { get; init; }

    /// <summary>A JSON object, or null for <c>{}</c>.</summary>
    [JsonPropertyOrder(5)]
    public JsonElement? Metadata { get; init; }

    /// <summary>The optional id of the audit event recording the write.</summary>
    [JsonPropertyOrder(6)]
    public string? AuditEventId { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override GraphItemKind Kind => GraphItemKind.Edge;

    /// <inheritdoc/>
    public override GraphItem ToItem(long seq, DateTimeOffset createdAt) => new ReasoningEdge
    {
        Id = RequiredId,
        From = From,
        To = To,
        Type = Type,
        Weight = Weight,
        Metadata = JsonValues.OrEmpty(Metadata),
        AuditEventId = AuditEventId,
        CreatedAt = StoredTime(createdAt),
        Seq = seq,
    };

    /// <inheritdoc/>
    private protected override void DerivedInCoreOnly()
    {
    }
}
