using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>A node to write. See <see cref="ReasoningNode"/> for the meaning of the fields.</summary>
public sealed record NodeInput : GraphItemInput
{
    /// <summary>The node type; must be one of the accepted node types.</summary>
    [JsonPropertyOrder(1)]
    public required string Type { get; init; }

    /// <summary>Who records the node; required, not blank.</summary>
    [JsonPropertyOrder(2)]
    public required string Author { get; init; }

    /// <summary>A JSON object, at most the configured size (256 KB by default).</summary>
    [JsonPropertyOrder(4)]
    public required JsonElement Payload { get; init; }

    /// <summary>A JSON object, or null for <c>{}</c>.</summary>
    [JsonPropertyOrder(5)]
    public JsonElement? Metadata { get; init; }

    /// <summary>An optional version label.</summary>
    [JsonPropertyOrder(6)]
    public string? Version { get; init; }

    /// <summary>The optional id of the signed manifest that authorised the step.</summary>
    [JsonPropertyOrder(7)]
    public string? ManifestSignatureId { get; init; }

    /// <summary>The optional id of the audit event recording the write.</summary>
    [JsonPropertyOrder(8)]
    public string? AuditEventId { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override GraphItemKind Kind => GraphItemKind.Node;

    /// <inheritdoc/>
    public override GraphItem ToItem(long seq, DateTimeOffset createdAt) => new ReasoningNode
    {
        Id = RequiredId,
        Type = Type,
        Author = Author,
        CreatedAt = StoredTime(createdAt),
        Payload = Payload,
        Metadata = JsonValues.OrEmpty(Metadata),
        Version = Version,
        ManifestSignatureId = ManifestSignatureId,
        AuditEventId = AuditEventId,
        Seq = seq,
    };

    /// <inheritdoc/>
    private protected override void DerivedInCoreOnly()
    {
    }
}
