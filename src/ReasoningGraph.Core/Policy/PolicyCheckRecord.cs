using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Policy;

/// <summary>
/// Builds the <c>policyCheck</c> node that records a denied write, so refusals are explainable (DESIGN "Pre-write
/// policy"). It names what was denied (kind, id, type, endpoints or target) but never copies the denied payloads
/// or metadata: they were refused, and may be exactly what the policy keeps out.
/// </summary>
internal static class PolicyCheckRecord
{
    /// <summary>At most this many denied items are listed, so a huge denied batch still gives a small node.</summary>
    public const int MaxListedItems = 100;

    /// <summary>The author of policyCheck nodes (and so the audit actor): <c>policy:&lt;policyId&gt;</c>.</summary>
    public static string AuthorFor(WritePolicyDecision decision) => "policy:" + decision.PolicyId;

    public static NodeInput Create(Guid id, GraphBatch denied, WritePolicyDecision decision) => new()
    {
        Id = id,
        Type = WellKnownNodeTypes.PolicyCheck,
        Author = AuthorFor(decision),
        Payload = Payload(denied, decision),
    };

    private static JsonElement Payload(GraphBatch denied, WritePolicyDecision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("decision", "deny");
            writer.WriteString("policyId", decision.PolicyId);
            writer.WriteString("rationale", decision.Rationale);
            writer.WriteNumber("deniedCount", denied.Count);
            writer.WriteStartArray("denied");
            foreach (var input in denied.Take(MaxListedItems))
            {
                WriteDenied(writer, input);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("requestedBy");
            foreach (var author in denied.Select(AuthorOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxListedItems))
            {
                writer.WriteStringValue(author);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void WriteDenied(Utf8JsonWriter writer, GraphItemInput input)
    {
        writer.WriteStartObject();
        writer.WriteString("id", input.Id!.Value.ToString());
        switch (input)
        {
            case NodeInput node:
                writer.WriteString("kind", "node");
                writer.WriteString("type", node.Type);
                break;
            case EdgeInput edge:
                writer.WriteString("kind", "edge");
                writer.WriteString("type", edge.Type);
                writer.WriteString("from", edge.From.ToString());
                writer.WriteString("to", edge.To.ToString());
                break;
            case AnnotationInput annotation:
                writer.WriteString("kind", "annotation");
                writer.WriteString("type", annotation.AnnotationType);
                writer.WriteString("targetId", annotation.TargetId.ToString());
                break;
        }

        writer.WriteEndObject();
    }

    private static string? AuthorOf(GraphItemInput input) => input switch
    {
        NodeInput node => node.Author,
        AnnotationInput annotation => annotation.Author,
        _ => null,
    };
}
