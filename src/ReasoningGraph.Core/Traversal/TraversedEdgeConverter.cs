using System.Text.Json;
using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal;

/// <summary>Writes a <see cref="TraversedEdge"/> flat: the edge's fields (as <see cref="GraphJson.Edge"/> does), then <c>"revisit"</c>.</summary>
internal sealed class TraversedEdgeConverter : JsonConverter<TraversedEdge>
{
    public override TraversedEdge Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var edge = document.RootElement.Deserialize(GraphJson.Edge) ?? throw new JsonException("Expected an edge.");
        bool revisit = document.RootElement.TryGetProperty("revisit", out var flag) && flag.GetBoolean();
        return new TraversedEdge(edge, revisit);
    }

    public override void Write(Utf8JsonWriter writer, TraversedEdge value, JsonSerializerOptions options)
    {
        var edge = value.Edge;
        Span<byte> time = stackalloc byte[Rfc3339Nano.MaxLength];
        writer.WriteStartObject();
        writer.WriteString("id"u8, edge.Id);
        writer.WriteString("createdAt"u8, time[..Rfc3339Nano.Format(edge.CreatedAt, time)]);
        writer.WriteString("from"u8, edge.From);
        writer.WriteString("to"u8, edge.To);
        writer.WriteString("type"u8, edge.Type);
        if (edge.Weight is { } weight)
        {
            writer.WriteNumber("weight"u8, weight);
        }

        writer.WritePropertyName("metadata"u8);
        edge.Metadata.WriteTo(writer);
        if (edge.AuditEventId is { } audit)
        {
            writer.WriteString("auditEventId"u8, audit);
        }

        writer.WriteBoolean("revisit"u8, value.Revisit);
        writer.WriteEndObject();
    }
}
