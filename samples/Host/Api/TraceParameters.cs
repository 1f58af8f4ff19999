using ReasoningGraph.Host.Http;
using ReasoningGraph.Traversal;
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
        Depth = QueryValues.Int32(query, "depth"),
        PageSize = QueryValues.Int32(query, "pageSize"),
        Cursor = QueryValues.Text(query, "cursor"),
        Order = query["order"].ToString() switch
        {
            "" or "bfs" => TraversalOrder.BreadthFirst,
            "dfs" => TraversalOrder.DepthFirst,
            var other => throw ApiErrors.InvalidPayload("order", $"order must be 'bfs' or 'dfs', not '{other}'."),
        },
        EdgeTypes = QueryValues.Text(query, "edgeTypes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        MinWeight = QueryValues.Double(query, "minWeight"),
        MinConfidence = QueryValues.Double(query, "minConfidence"),
        AsOf = QueryValues.Int64(query, "asOf"),
    };
}
