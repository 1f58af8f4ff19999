using System.Text.Json.Serialization;
using ReasoningGraph.Explanations;
using ReasoningGraph.Querying;
using ReasoningGraph.Tracing;
using ReasoningGraph.Traversal;

namespace ReasoningGraph;

/// <summary>Source-generated serialization of results (pages, traces, explanations).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TraversalPage))]
[JsonSerializable(typeof(CausalTrace))]
[JsonSerializable(typeof(Explanation))]
[JsonSerializable(typeof(NodeQueryPage))]
[JsonSerializable(typeof(NodeNeighborhood))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
