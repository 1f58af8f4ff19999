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

    /// <summary>The signed audit event of every item, in chain order; set once signing is done.</summary>
    public IReadOnlyList<AuditEvent> Events { get; set; } = [];

    /// <summary>The id of the item each event records.</summary>
    public List<Guid> EntityIds { get; } = [];

    /// <summary>The audit position of the first event.</summary>
    public long FirstPosition { get; init; }

    /// <summary>The rows of <paramref name="items"/>, whose events continue the chain at <paramref name="firstPosition"/>.</summary>
    public static ItemRows For(IReadOnlyList<GraphItem> items, long firstPosition)
    {
        var rows = new ItemRows { FirstPosition = firstPosition };
        foreach (var item in items)
        {
            switch (item)
            {
                case ReasoningNode n: rows.Nodes.Add(n); break;
                case ReasoningEdge e: rows.Edges.Add(e); break;
                case ReasoningAnnotation a: rows.Annotations.Add(a); break;
            }

            rows.EntityIds.Add(item.Id);
        }

        return rows;
    }

    /// <summary>The chain head after the last event.</summary>
    public HeadState HeadAfter(long maxSeq) =>
        new(maxSeq, FirstPosition + Events.Count - 1, new AuditChainHead(Events[^1].Hash, Events[^1].CreatedAt));

    /// <summary><c>metadata.confidence</c> when it is a finite number, else null (the same rule as the in-memory store).</summary>
    public static double? Confidence(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("confidence", out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)
            ? number
            : null;

    public static string TargetType(ReasoningAnnotation a) => a.TargetType == AnnotationTargetType.Edge ? "edge" : "node";
}
