using System.Text.Json.Serialization;

namespace ReasoningGraph.Host.Serving;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
