using System.Text.Json;

namespace ReasoningGraph.Host.Http;

/// <summary>
/// What a request body's value must be, in a client's words (<c>a UUID</c>), from the contract's own type: the
/// serializer's messages are written for .NET developers (they name types and advise on nullability annotations), so
/// a refusal takes only the serializer's path and says what belongs there from this.
/// </summary>
internal static class ValueExpectation
{
    /// <summary>
    /// What a value of <paramref name="type"/> must be, or null when its type says nothing a client could act on (a JSON
    /// value). An enum's names are its own, as the contract writes them (the names its converter gives), so they cannot
    /// drift from what it reads.
    /// </summary>
    public static string? Of(Type type, JsonSerializerOptions options)
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

        if (ElementOf(type) is { } element)
        {
            // "a UUID" becomes "an array of UUIDs"; an element described otherwise leaves just "an array".
            return Of(element, options) is ['a', ..] one && one.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space
                ? $"an array of {one[(space + 1)..]}s" : "an array";
        }

        return Type.GetTypeCode(type) switch
        {
            >= TypeCode.SByte and <= TypeCode.UInt64 => "an integer",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            _ => null,
        };
    }

    /// <summary>The top-level member a serializer path (<c>$.author</c>, <c>$.types[0]</c>, <c>$.payload.a</c>) is in; null for <c>$</c> or none.</summary>
    public static string? MemberOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        int end = path.AsSpan(2).IndexOfAny('.', '[');
        return end < 0 ? path[2..] : path.Substring(2, end);
    }

    /// <summary>The element type of a list the contract reads from a JSON array, or null for any other type.</summary>
    public static Type? ElementOf(Type type) =>
        type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var element]
            && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type) ? element : null;
}
