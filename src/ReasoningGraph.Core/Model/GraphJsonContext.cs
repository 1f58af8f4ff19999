using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>Source-generated serialization of the model: camelCase, absent optional fields omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(GraphItem))]
[JsonSerializable(typeof(ReasoningNode))]
[JsonSerializable(typeof(ReasoningEdge))]
[JsonSerializable(typeof(ReasoningAnnotation))]
[JsonSerializable(typeof(GraphItemInput))]
[JsonSerializable(typeof(NodeInput))]
[JsonSerializable(typeof(EdgeInput))]
[JsonSerializable(typeof(AnnotationInput))]
[JsonSerializable(typeof(NodeContent))]
[JsonSerializable(typeof(EdgeContent))]
[JsonSerializable(typeof(AnnotationContent))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
