using System.Text.Json;
using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Tracing;

/// <summary>
/// One node or edge of an ordered causal trace: the item, its place, its parents and its annotations. The item's own
/// members (id, types, time, audit reference, payload, ends) are read from <see cref="Item"/>, not copied: a trace
/// holds one entry per item, and an entry that only points at its item is a third of the size.
/// </summary>
public sealed record CausalTraceEntry
{
    /// <summary>The entry type of a node.</summary>
    public const string NodeType = "node";

    /// <summary>The entry type of an edge.</summary>
    public const string EdgeType = "edge";

    /// <summary>The node's or edge's id.</summary>
    public Guid Id => Item.Id;

    /// <summary><c>node</c> or <c>edge</c>.</summary>
    public string Type => Item is ReasoningEdge ? EdgeType : NodeType;

    /// <summary>The node type or edge type.</summary>
    public string EntityType => Item is ReasoningEdge edge ? edge.Type : Node.Type;

    /// <summary>The item's <c>createdAt</c>.</summary>
    [JsonConverter(typeof(Rfc3339NanoConverter))]
    public DateTimeOffset Timestamp => Item.CreatedAt;

    /// <summary>The entry's 0-based position in <see cref="CausalTrace.OrderedPath"/>.</summary>
    public required int CausalIndex { get; init; }

    /// <summary>Nodes: the <c>from</c> of each incoming edge in the trace, sorted, distinct. Edges: <c>[from]</c>.</summary>
    public required IReadOnlyList<Guid> ParentIds { get; init; }

    /// <summary>The annotations on the item, in <c>seq</c> order.</summary>
    public required IReadOnlyList<ReasoningAnnotation> Annotations { get; init; }

    /// <summary>
    /// The item's <c>auditEventId</c> as <c>{"eventId":"…"}</c>, or <c>null</c> (written, not omitted) when it has
    /// none: the Go service's shape. A new object on each read.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public AuditReference? AuditRef =>
        (Item is ReasoningEdge edge ? edge.AuditEventId : Node.AuditEventId) is { } eventId ? new AuditReference(eventId) : null;

    /// <summary>Nodes only: the payload.</summary>
    public JsonElement? Payload => (Item as ReasoningNode)?.Payload;

    /// <summary>Edges only: the source node.</summary>
    public Guid? From => (Item as ReasoningEdge)?.From;

    /// <summary>Edges only: the target node.</summary>
    public Guid? To => (Item as ReasoningEdge)?.To;

    /// <summary>
    /// The node or edge itself (not serialized; its members above are). Not <c>required</c> only because the serializer
    /// refuses a required member it ignores, so it is checked when set. A trace is written, not read back: its JSON
    /// carries the item's members, not the item.
    /// </summary>
    [JsonIgnore]
    public GraphItem Item
    {
        get => _item ?? throw new InvalidOperationException("A trace entry is made with its item.");
        init => _item = value is ReasoningNode or ReasoningEdge ? value : throw NotInTrace();
    }

    private readonly GraphItem? _item;

    /// <summary>The item as a node when it is not an edge: <see cref="Item"/> admits only the two.</summary>
    private ReasoningNode Node => (ReasoningNode)Item;

    /// <summary>Its place and id only: the payload may carry PII, and results end up in logs.</summary>
    /// <returns>For example <c>CausalTraceEntry #3 node …</c>.</returns>
    public override string ToString() => $"CausalTraceEntry #{CausalIndex} {Type} {Id}";

    private static InvalidOperationException NotInTrace() => new("A trace holds only nodes and edges.");
}
