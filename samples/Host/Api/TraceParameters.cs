using System.Globalization;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Traversal;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// The query string of <c>GET /reason/trace/{id}</c>: DESIGN.md's traversal options (<c>direction</c>, <c>depth</c>,
/// <c>pageSize</c>, <c>cursor</c>, <c>order</c>, <c>edgeTypes</c> comma-separated, <c>minWeight</c>,
/// <c>minConfidence</c>, <c>asOf</c>). Anything unparsable is <c>INVALID_PAYLOAD</c> naming the parameter; range checks
/// are the library's.
/// </summary>
internal static class TraceParameters
{
    public static TraversalDirection Direction(IQueryCollection query) => query["direction"].ToString() switch
    {
        "" or "ancestors" => TraversalDirection.Ancestors,
        "descendants" => TraversalDirection.Descendants,
        var other => throw ApiErrors.InvalidPayload("direction", $"direction must be 'ancestors' or 'descendants', not '{other}'."),
    };

    public static TraversalOptions Options(IQueryCollection query) => new()
    {
        Depth = Int32(query, "depth"),
        PageSize = Int32(query, "pageSize"),
        Cursor = Text(query, "cursor"),
        Order = query["order"].ToString() switch
        {
            "" or "bfs" => TraversalOrder.BreadthFirst,
            "dfs" => TraversalOrder.DepthFirst,
            var other => throw ApiErrors.InvalidPayload("order", $"order must be 'bfs' or 'dfs', not '{other}'."),
        },
        EdgeTypes = Text(query, "edgeTypes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        MinWeight = Double(query, "minWeight"),
        MinConfidence = Double(query, "minConfidence"),
        AsOf = Int64(query, "asOf"),
    };

    private static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text ? text : null;

    private static int? Int32(IQueryCollection query, string name) => Text(query, name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw NotANumber(name, text)
        : null;

    private static long? Int64(IQueryCollection query, string name) => Text(query, name) is { } text
        ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : throw NotANumber(name, text)
        : null;

    private static double? Double(IQueryCollection query, string name) => Text(query, name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : throw NotANumber(name, text)
        : null;

    private static ReasoningGraphException NotANumber(string name, string text) =>
        ApiErrors.InvalidPayload(name, $"{name} must be a number, not '{text}'.");
}
