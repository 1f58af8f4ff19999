using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Tests.Vectors;

/// <summary>
/// The typed item the Go service's vectors were made from: absent optional envelope fields are omitted,
/// never written as null, while nulls inside <see cref="Payload"/> and <see cref="Metadata"/> are kept.
/// </summary>
public sealed record ServiceItem(
    string Id,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Author,
    string Ts,
    JsonElement Payload,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Metadata);
