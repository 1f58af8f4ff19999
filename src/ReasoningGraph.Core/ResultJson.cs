using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Explanations;
using ReasoningGraph.Querying;
using ReasoningGraph.Tracing;
using ReasoningGraph.Traversal;

namespace ReasoningGraph;

/// <summary>
/// Source-generated JSON metadata of the service's results: pass these to <c>JsonSerializer</c> to read or write
/// a result in its wire form (items themselves: <see cref="Model.GraphJson"/>).
/// </summary>
public static class ResultJson
{
    /// <summary>A walk page: <c>{"root","direction","steps","edges","cycleDetected","nextCursor"}</c>.</summary>
    public static JsonTypeInfo<TraversalPage> TraversalPage => ResultJsonContext.Default.TraversalPage;

    /// <summary>An ordered causal trace: <c>{"trace_id","ordered_path","metadata"}</c>.</summary>
    public static JsonTypeInfo<CausalTrace> CausalTrace => ResultJsonContext.Default.CausalTrace;

    /// <summary>An explanation: <c>{"summary","components","evidence"}</c>.</summary>
    public static JsonTypeInfo<Explanation> Explanation => ResultJsonContext.Default.Explanation;

    /// <summary>A node query page: <c>{"items","nextCursor","asOf"}</c>.</summary>
    public static JsonTypeInfo<NodeQueryPage> NodeQueryPage => ResultJsonContext.Default.NodeQueryPage;

    /// <summary>A node with its edges: <c>{"node","incoming","outgoing"}</c>.</summary>
    public static JsonTypeInfo<NodeNeighborhood> NodeNeighborhood => ResultJsonContext.Default.NodeNeighborhood;
}
