using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Tests.Support;

/// <summary>Terse builders for test inputs.</summary>
public static class Items
{
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static Guid Id(int n) => new($"00000000-0000-7000-8000-{n:D12}");

    public static NodeInput Node(Guid? id = null, string type = "observation", string payload = "{}", string? metadata = null,
        string author = "agent:test", DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Type = type,
        Author = author,
        Payload = Json(payload),
        Metadata = metadata is null ? null : Json(metadata),
        CreatedAt = createdAt,
    };

    public static EdgeInput Edge(Guid from, Guid to, Guid? id = null, string type = "causal", double? weight = null,
        string? metadata = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        From = from,
        To = to,
        Type = type,
        Weight = weight,
        Metadata = metadata is null ? null : Json(metadata),
        CreatedAt = createdAt,
    };

    public static AnnotationInput Note(Guid target, Guid? id = null, string type = "note", string payload = "{\"text\":\"checked\"}",
        AnnotationTargetType targetType = AnnotationTargetType.Node) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        TargetId = target,
        TargetType = targetType,
        AnnotationType = type,
        Author = "agent:reviewer",
        Payload = Json(payload),
    };

    public static string ToJson(GraphItem item)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            GraphJson.WriteItem(writer, item);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
