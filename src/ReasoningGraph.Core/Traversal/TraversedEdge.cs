using System.Text.Json.Serialization;
using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal;

/// <summary>
/// An edge followed from a visited node. Serialized as the edge's own fields plus <c>"revisit"</c>.
/// </summary>
/// <param name="Edge">The edge.</param>
/// <param name="Revisit">
/// True when the far end had already been reached (it was visited earlier, or reached first through another
/// edge): the edge is not part of the minimum-depth tree. Self-loops are always revisits.
/// </param>
[JsonConverter(typeof(TraversedEdgeConverter))]
public sealed record TraversedEdge(ReasoningEdge Edge, bool Revisit);
