using System.Text.Json.Serialization;

namespace ReasoningGraph.Tests.Vectors;

/// <summary>Source-generated metadata for <see cref="ServiceItem"/>, as the library's own model uses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ServiceItem))]
public sealed partial class ServiceItemJsonContext : JsonSerializerContext;
