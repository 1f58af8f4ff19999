using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>A stored, typed, directed link between two nodes. Self-loops and cycles are allowed.</summary>
public sealed record ReasoningEdge : GraphItem
{
    /// <summary>The id of the node the edge starts at (the cause).</summary>
    [JsonPropertyOrder(1)]
    public required Guid From { get; init; }

    /// <summary>The id of the node the edge ends at (the effect).</summary>
    [JsonPropertyOrder(2)]
    public required Guid To { get; init; }

    /// <summary>The edge type, one of the accepted edge types (see <see cref="WellKnownEdgeTypes"/>).</summary>
    [JsonPropertyOrder(3)]
    public required string Type { get; init; }

    /// <summary>An optional finite weight.</summary>
    [JsonPropertyOrder(4)]
    public double? Weight { get; init; }

    /// <summary>Free-form metadata: a JSON object, <c>{}</c> when none was given.</summary>
    [JsonPropertyOrder(5)]
    public JsonElement Metadata { get; init; } = JsonValues.EmptyObject;

    /// <summary>The optional id of the audit event recording the write.</summary>
    [JsonPropertyOrder(6)]
    public string? AuditEventId { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override GraphItemKind Kind => GraphItemKind.Edge;

    /// <inheritdoc/>
    private protected override void DerivedInCoreOnly()
    {
    }
}
