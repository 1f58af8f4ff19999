using System.Text.Json;

namespace ReasoningGraph.Model;

/// <summary>Shared immutable JSON values.</summary>
internal static class JsonValues
{
    /// <summary>One shared <c>{}</c>, so items without metadata cost no extra document.</summary>
    public static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    /// <summary>The given metadata, or the shared <c>{}</c> when it is absent or an empty object.</summary>
    public static JsonElement OrEmpty(JsonElement? metadata) =>
        metadata is { } value && !IsEmptyObject(value) ? value : EmptyObject;

    public static bool IsEmptyObject(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && !element.EnumerateObject().MoveNext();
}
