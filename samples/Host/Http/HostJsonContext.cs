using System.Text.Json.Serialization;

namespace ReasoningGraph.Host.Http;

/// <summary>Source-generated JSON for the host's own request and response types (the model's are the library's).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(SnapshotRequestBody))]
[JsonSerializable(typeof(ControlRequestBody))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
