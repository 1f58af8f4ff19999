using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Model;

/// <summary>
/// Serialization metadata for the model (source-generated, trimming- and AOT-safe). Items serialize with the
/// field names of DESIGN.md, absent optional fields omitted, <c>createdAt</c> in RFC3339Nano form.
/// </summary>
public static class GraphJson
{
    /// <summary>Any stored item, tagged with <c>"kind"</c> (the interchange line shape).</summary>
    public static JsonTypeInfo<GraphItem> Item => GraphJsonContext.Default.GraphItem;

    /// <summary>A stored node.</summary>
    public static JsonTypeInfo<ReasoningNode> Node => GraphJsonContext.Default.ReasoningNode;

    /// <summary>A stored edge.</summary>
    public static JsonTypeInfo<ReasoningEdge> Edge => GraphJsonContext.Default.ReasoningEdge;

    /// <summary>A stored annotation.</summary>
    public static JsonTypeInfo<ReasoningAnnotation> Annotation => GraphJsonContext.Default.ReasoningAnnotation;

    /// <summary>Any input, tagged with <c>"kind"</c> (what interchange lines are read as).</summary>
    public static JsonTypeInfo<GraphItemInput> Input => GraphJsonContext.Default.GraphItemInput;

    /// <summary>Writes a stored item as its own type (no <c>"kind"</c>).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="item">The item.</param>
    public static void WriteItem(Utf8JsonWriter writer, GraphItem item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (item)
        {
            case ReasoningNode n: JsonSerializer.Serialize(writer, n, Node); break;
            case ReasoningEdge e: JsonSerializer.Serialize(writer, e, Edge); break;
            case ReasoningAnnotation a: JsonSerializer.Serialize(writer, a, Annotation); break;
            default: throw new ArgumentException("Unknown item type.", nameof(item));
        }
    }

    /// <summary>The canonical (kernel profile) bytes of a stored item as its own type: what is hashed and signed.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The canonical bytes.</returns>
    public static byte[] ToCanonicalBytes(GraphItem item) => item switch
    {
        ReasoningNode n => CanonicalJson.SerializeToCanonicalBytes(n, Node),
        ReasoningEdge e => CanonicalJson.SerializeToCanonicalBytes(e, Edge),
        ReasoningAnnotation a => CanonicalJson.SerializeToCanonicalBytes(a, Annotation),
        _ => throw new ArgumentNullException(nameof(item)),
    };
}
