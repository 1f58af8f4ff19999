using System.Text.Json.Serialization;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Traversal;

/// <summary>The order in which a walk returns nodes.</summary>
[JsonConverter(typeof(NamedEnumConverter<TraversalOrder>))]
public enum TraversalOrder
{
    /// <summary>Level by level (<c>bfs</c>, the default); within a level by (<c>createdAt</c>, <c>id</c>).</summary>
    [JsonStringEnumMemberName("bfs")]
    BreadthFirst = 0,

    /// <summary>
    /// Depth-first (<c>dfs</c>): the pre-order of the minimum-depth tree (each node under the node it was first
    /// reached from), children by (<c>createdAt</c>, <c>id</c>). Same nodes, depths, edges and flags as breadth-first.
    /// </summary>
    [JsonStringEnumMemberName("dfs")]
    DepthFirst = 1,
}
