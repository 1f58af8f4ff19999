using System.Text.Json.Serialization;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Model;

/// <summary>Which way a walk follows edges. Written as <c>"ancestors"</c> or <c>"descendants"</c>.</summary>
[JsonConverter(typeof(NamedEnumConverter<TraversalDirection>))]
public enum TraversalDirection
{
    /// <summary>Backwards, from an edge's <c>to</c> to its <c>from</c>: what led to the node.</summary>
    [JsonStringEnumMemberName("ancestors")]
    Ancestors = 1,

    /// <summary>Forwards, from an edge's <c>from</c> to its <c>to</c>: what the node led to.</summary>
    [JsonStringEnumMemberName("descendants")]
    Descendants = 2,
}
