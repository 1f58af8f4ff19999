using System.Text.Json.Serialization;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Model;

/// <summary>What an annotation is attached to. Written as <c>"node"</c> or <c>"edge"</c>.</summary>
[JsonConverter(typeof(NamedEnumConverter<AnnotationTargetType>))]
public enum AnnotationTargetType
{
    /// <summary>A node.</summary>
    [JsonStringEnumMemberName("node")]
    Node = 1,

    /// <summary>An edge.</summary>
    [JsonStringEnumMemberName("edge")]
    Edge = 2,
}
