using System.Text.Json;
using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Tracing;

/// <summary>One node or edge of an ordered causal trace.</summary>
public sealed record CausalTraceEntry
{
    /// <summary>The entry type of a node.</summary>
    public const string NodeType = "node";

    /// <summary>The entry type of an edge.</summary>
    public const string EdgeType = "edge";

    /// <summary>The node's or edge's id.</summary>
    public required Guid Id { get; init; }

    /// <summary><c>node</c> or <c>edge</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The node type or edge type.</summary>
    public required string EntityType { get; init; }

    /// <summary>The item's <c>createdAt</c>.</summary>
    [JsonConverter(typeof(Rfc3339NanoConverter))]
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The entry's 0-based position in <see cref="CausalTrace.OrderedPath"/>.</summary>
    public required int CausalIndex { get; init; }

    /// <summary>Nodes: the <c>from</c> of each incoming edge in the trace, sorted, distinct. Edges: <c>[from]</c>.</summary>
    public required IReadOnlyList<Guid> ParentIds { get; init; }

    /// <summary>The annotations on the item, in <c>seq</c> order.</summary>
    public required IReadOnlyList<ReasoningAnnotation> Annotations { get; init; }

    /// <summary>
    /// The item's <c>auditEventId</c> as <c>{"eventId":"…"}</c>, or <c>null</c> (written, not omitted) when it has
    /// none: the Go service's shape.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public AuditReference? AuditRef { get; init; }

    /// <summary>Nodes only: the payload.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>Edges only: the source node.</summary>
    public Guid? From { get; init; }

    /// <summary>Edges only: the target node.</summary>
    public Guid? To { get; init; }

    /// <summary>The node or edge itself (not serialized).</summary>
    [JsonIgnore]
    public GraphItem Item { get; init; } = null!;

    /// <summary>Its place and id only: the payload may carry PII, and results end up in logs.</summary>
    /// <returns>For example <c>CausalTraceEntry #3 node …</c>.</returns>
    public override string ToString() => $"CausalTraceEntry #{CausalIndex} {Type} {Id}";
}
