using System.Text.Json;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// The Go service's <c>?format=human</c> companion of a snapshot: <c>{"nodeCount", "edgeCount", "summary": [{"id",
/// "type", "author", "created"}, …]}</c>, one entry per node in the document's order (by id). It is read from the
/// document as signed, so a redacted author stays redacted; the document itself is served untouched beside it.
/// </summary>
internal static class SnapshotHumanSummary
{
    public const string Format = "human";

    /// <summary>Whether <paramref name="format"/> asks for the summary; only <c>human</c> (or nothing, or <c>json</c>) is accepted.</summary>
    public static bool IsRequested(string? format) => format switch
    {
        null or "" or "json" => false,
        Format => true,
        _ => throw Http.ApiErrors.InvalidPayload("format", $"format must be 'human' or 'json', not '{format}'."),
    };

    public static void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> document)
    {
        using var parsed = JsonDocument.Parse(document);
        var payload = parsed.RootElement.GetProperty("payload");
        var nodes = payload.GetProperty("nodes");
        writer.WriteStartObject(Format);
        writer.WriteNumber("nodeCount", nodes.GetArrayLength());
        writer.WriteNumber("edgeCount", payload.GetProperty("edges").GetArrayLength());
        writer.WriteStartArray("summary");
        foreach (var node in nodes.EnumerateArray())
        {
            writer.WriteStartObject();
            Copy(writer, node, "id", "id");
            Copy(writer, node, "type", "type");
            Copy(writer, node, "author", "author");
            Copy(writer, node, "createdAt", "created");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Copy(Utf8JsonWriter writer, JsonElement node, string from, string to)
    {
        writer.WritePropertyName(to);
        if (node.TryGetProperty(from, out var value))
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
