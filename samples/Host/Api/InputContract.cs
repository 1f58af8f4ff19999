using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Host.Http;
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
        var properties = TypeInfo.Properties.Where(p => p.Name != "kind").ToList();
        Fields = properties.Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal);
        FieldList = string.Join(", ", Fields.Order(StringComparer.Ordinal));
        Required = [.. properties.Where(p => p.IsRequired).Select(p => p.Name)];
        Expected = properties.Select(p => (p.Name, Expected: ValueExpectation.Of(p.PropertyType, TypeInfo.Options)))
            .Where(p => p.Expected is not null)
            .ToFrozenDictionary(p => p.Name, p => p.Expected!, StringComparer.Ordinal);
    }

    /// <summary>The name the interchange format tags it with, and messages call it by.</summary>
    public string Kind { get; }

    public JsonTypeInfo<T> TypeInfo { get; }

    /// <summary>The JSON names of its fields.</summary>
    public FrozenSet<string> Fields { get; }

    /// <summary>The fields in order, for the message that refuses any other.</summary>
    public string FieldList { get; }

    /// <summary>The fields it requires, in its own order (the order it writes them in).</summary>
    public ImmutableArray<string> Required { get; }

    /// <summary>
    /// What a field's value must be, in a client's words (<c>a UUID</c>), from the field's type; a field whose type says
    /// nothing a client could act on (a JSON value) has none.
    /// </summary>
    public FrozenDictionary<string, string> Expected { get; }
}

internal static class InputContracts
{
    public static readonly InputContract<NodeInput> Node = new("node");
    public static readonly InputContract<EdgeInput> Edge = new("edge");
    public static readonly InputContract<AnnotationInput> Annotation = new("annotation");
}
