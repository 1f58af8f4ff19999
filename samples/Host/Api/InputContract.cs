using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
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
        var properties = TypeInfo.Properties.Where(p => p.Name != "kind").ToList();
        Fields = properties.Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal);
        FieldList = string.Join(", ", Fields.Order(StringComparer.Ordinal));
        Required = [.. properties.Where(p => p.IsRequired).Select(p => p.Name)];
        Expected = properties.Select(p => (p.Name, Expected: Expectation(p.PropertyType, TypeInfo.Options)))
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

    /// <summary>
    /// What a value of <paramref name="type"/> must be, or null. An enum's names are its own, as the contract writes them
    /// (the names its converter gives), so they cannot drift from what it reads.
    /// </summary>
    private static string? Expectation(Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var typeInfo = options.GetTypeInfo(type);
            var names = Enum.GetValuesAsUnderlyingType(type).Cast<object>()
                .Select(value => JsonSerializer.SerializeToElement(Enum.ToObject(type, value), typeInfo))
                .Select(name => name.ValueKind == JsonValueKind.String ? name.GetString() : name.GetRawText());
            return "one of: " + string.Join(", ", names);
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(Guid))
        {
            return "a UUID";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "an RFC 3339 timestamp";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        return Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal ? "a number" : null;
    }
}

internal static class InputContracts
{
    public static readonly InputContract<NodeInput> Node = new("node");
    public static readonly InputContract<EdgeInput> Edge = new("edge");
    public static readonly InputContract<AnnotationInput> Annotation = new("annotation");
}
