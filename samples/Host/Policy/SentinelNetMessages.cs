using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;
using ReasoningGraph.Policy;

namespace ReasoningGraph.Host.Policy;

/// <summary>
/// The SentinelNet protocol (docs/SERVICE.md, "Write policy"). Request:
/// <c>{"action":"reason.write","principal":{"name","via"}|null,"items":[{"kind":"node","id","type","author","payload","metadata"?},
/// {"kind":"edge","id","type","from","to","weight"?,"metadata"?},{"kind":"annotation","id","type","targetId","author","payload"}]}</c>.
/// Answer: <c>{"decision":"allow"|"deny","policyId"?,"rationale"?}</c>; anything else is unreadable and fails closed.
/// </summary>
internal static class SentinelNetMessages
{
    /// <summary>Longest accepted policy id and rationale: they end up in a policyCheck node and an error message.</summary>
    private const int MaxPolicyId = 200;
    private const int MaxRationale = 4000;

    public static byte[] Request(GraphBatch batch, Caller? caller)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action", "reason.write");
            writer.WritePropertyName("principal");
            if (caller is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("name", caller.Name);
                writer.WriteString("via", caller.Via);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("items");
            foreach (var input in batch)
            {
                WriteItem(writer, input);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an answer; false (with why) when it is not a well-formed decision.</summary>
    public static bool TryParseDecision(byte[] body, out WritePolicyDecision decision, out string failure)
    {
        decision = WritePolicyDecision.Allow;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("decision", out var verdict) || verdict.ValueKind != JsonValueKind.String)
            {
                failure = "answered without a \"decision\" string";
                return false;
            }

            string? policyId = OptionalString(root, "policyId", MaxPolicyId);
            string? rationale = OptionalString(root, "rationale", MaxRationale);
            switch (verdict.GetString())
            {
                case "allow":
                    failure = "";
                    return true;
                case "deny":
                    decision = WritePolicyDecision.Deny(policyId ?? SentinelNetWritePolicy.DefaultPolicyId, rationale ?? "SentinelNet denied the write without a rationale.");
                    failure = "";
                    return true;
                default:
                    failure = "answered an unknown decision (expected \"allow\" or \"deny\")";
                    return false;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            failure = "answered something that is not a decision (" + e.Message + ")";
            return false;
        }
    }

    private static string? OptionalString(JsonElement root, string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"\"{name}\" is not a string");
        return text.Length == 0 ? null : text.Length <= maxLength ? text : throw new FormatException($"\"{name}\" is longer than {maxLength} characters");
    }

    private static void WriteItem(Utf8JsonWriter writer, GraphItemInput input)
    {
        writer.WriteStartObject();
        writer.WriteString("id", input.Id?.ToString());
        switch (input)
        {
            case NodeInput node:
                writer.WriteString("kind", "node");
                writer.WriteString("type", node.Type);
                writer.WriteString("author", node.Author);
                writer.WritePropertyName("payload");
                node.Payload.WriteTo(writer);
                WriteOptional(writer, "metadata", node.Metadata);
                break;
            case EdgeInput edge:
                writer.WriteString("kind", "edge");
                writer.WriteString("type", edge.Type);
                writer.WriteString("from", edge.From.ToString());
                writer.WriteString("to", edge.To.ToString());
                if (edge.Weight is { } weight)
                {
                    writer.WriteNumber("weight", weight);
                }

                WriteOptional(writer, "metadata", edge.Metadata);
                break;
            case AnnotationInput annotation:
                writer.WriteString("kind", "annotation");
                writer.WriteString("type", annotation.AnnotationType);
                writer.WriteString("targetId", annotation.TargetId.ToString());
                writer.WriteString("author", annotation.Author);
                writer.WritePropertyName("payload");
                annotation.Payload.WriteTo(writer);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, JsonElement? value)
    {
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }
}
