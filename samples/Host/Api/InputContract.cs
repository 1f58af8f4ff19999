using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// What a write route accepts for one input type, taken from the library's own contract (<see cref="GraphJson.Input"/>)
/// so the API takes exactly the fields DESIGN.md names and can never drift from them. The type info is the concrete
/// type's, not the polymorphic one: the route already implies the <c>kind</c>, so nothing has to be added to the body.
/// </summary>
internal sealed class InputContract<T>
    where T : GraphItemInput
{
    internal InputContract(string kind)
    {
        Kind = kind;
        TypeInfo = (JsonTypeInfo<T>)GraphJson.Input.Options.GetTypeInfo(typeof(T));
        Fields = TypeInfo.Properties.Select(p => p.Name).Where(name => name != "kind").ToFrozenSet(StringComparer.Ordinal);
        FieldList = string.Join(", ", Fields.Order(StringComparer.Ordinal));
    }

    /// <summary>The name the interchange format tags it with, and messages call it by.</summary>
    public string Kind { get; }

    public JsonTypeInfo<T> TypeInfo { get; }

    /// <summary>The JSON names of its fields.</summary>
    public FrozenSet<string> Fields { get; }

    /// <summary>The fields in order, for the message that refuses any other.</summary>
    public string FieldList { get; }
}

internal static class InputContracts
{
    public static readonly InputContract<NodeInput> Node = new("node");
    public static readonly InputContract<EdgeInput> Edge = new("edge");
    public static readonly InputContract<AnnotationInput> Annotation = new("annotation");
}
