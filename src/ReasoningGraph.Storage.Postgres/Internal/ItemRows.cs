using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>The column values of items and audit events about to be written, split by table.</summary>
internal sealed class ItemRows
{
    public List<ReasoningNode> Nodes { get; } = [];

    public List<ReasoningEdge> Edges { get; } = [];

    public List<ReasoningAnnotation> Annotations { get; } = [];

    public List<AuditEvent> Events { get; } = [];

    /// <summary>The id of the item each event records.</summary>
    public List<Guid> EntityIds { get; } = [];

    /// <summary>The audit position of the first event.</summary>
    public long FirstPosition { get; init; }

    public void Add(GraphItem item, AuditEvent auditEvent)
    {
        switch (item)
        {
            case ReasoningNode n: Nodes.Add(n); break;
            case ReasoningEdge e: Edges.Add(e); break;
            case ReasoningAnnotation a: Annotations.Add(a); break;
        }

        Events.Add(auditEvent);
        EntityIds.Add(item.Id);
    }

    /// <summary><c>metadata.confidence</c> when it is a finite number, else null (the same rule as the in-memory store).</summary>
    public static double? Confidence(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("confidence", out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)
            ? number
            : null;

    public static string TargetType(ReasoningAnnotation a) => a.TargetType == AnnotationTargetType.Edge ? "edge" : "node";
}
