using System.Globalization;
using ReasoningGraph.Errors;
using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Api;

/// <summary>Query-string values: absent or empty is null, anything unparsable is <c>INVALID_PAYLOAD</c> naming the parameter.</summary>
internal static class QueryValues
{
    public static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text ? text : null;

    public static int? Int32(IQueryCollection query, string name) => Text(query, name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw NotANumber(name, text)
        : null;

    public static long? Int64(IQueryCollection query, string name) => Text(query, name) is { } text
        ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : throw NotANumber(name, text)
        : null;

    /// <summary>A whole number that must be given.</summary>
    public static long RequiredInt64(IQueryCollection query, string name) =>
        Int64(query, name) ?? throw ApiErrors.InvalidPayload(name, $"The query parameter {name} is required.");

    public static double? Double(IQueryCollection query, string name) => Text(query, name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : throw NotANumber(name, text)
        : null;

    private static ReasoningGraphException NotANumber(string name, string text) =>
        ApiErrors.InvalidPayload(name, $"{name} must be a number, not '{text}'.");
}
