using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>A stored reasoning step: an observation, a recommendation, a decision, ….</summary>
public sealed record ReasoningNode : GraphItem
{
    /// <summary>The node type, one of the accepted node types (see <see cref="WellKnownNodeTypes"/>).</summary>
    [JsonPropertyOrder(1)]
    public required string Type { get; init; }

    /// <summary>Who recorded the node (an agent or service principal).</summary>
    [JsonPropertyOrder(2)]
    public required string Author { get; init; }

    /// <summary>The node's content: a JSON object.</summary>
    [JsonPropertyOrder(4)]
    public required JsonElement Payload { get; init; }

    /// <summary>Free-form metadata: a JSON object, <c>{}</c> when none was given. <c>confidence</c> (number) and <c>tags</c> (array of strings) are understood by queries.</summary>
    [JsonPropertyOrder(5)]
    public JsonElement Metadata { get; init; } = JsonValues.EmptyObject;

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
    private protected override void DerivedInCoreOnly()
    {
    }
}
