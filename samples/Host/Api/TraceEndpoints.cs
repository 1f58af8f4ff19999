using Microsoft.OpenApi;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;
using ReasoningGraph.Tracing;

namespace ReasoningGraph.Host.Api;

/// <summary><c>GET /reason/trace/{id}</c> (one cursor-paged walk) and <c>GET /reason/traces/{id}</c> (the ordered causal trace).</summary>
internal static class TraceEndpoints
{
    private const int DefaultDepth = 1;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/reason/trace/{id}", TraceAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("One page of a cycle-safe walk: ?direction=ancestors|descendants&depth&pageSize&cursor&order&edgeTypes&minWeight&minConfidence&asOf; follow nextCursor.")
            .Named("walkTrace").Answers<TracePage>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithQuery("direction", JsonSchemaType.String, "The way to walk (default ancestors).", values: ["ancestors", "descendants"])
            .WithQuery("depth", JsonSchemaType.Integer, "How many edges away from the root (default 1).")
            .WithQuery("pageSize", JsonSchemaType.Integer, "Steps per page.")
            .WithQuery("cursor", JsonSchemaType.String, "The nextCursor of the previous page.")
            .WithQuery("order", JsonSchemaType.String, "Breadth- or depth-first (default bfs).", values: ["bfs", "dfs"])
            .WithQuery("edgeTypes", JsonSchemaType.String, "Comma-separated edge types to follow (default all).")
            .WithQuery("minWeight", JsonSchemaType.Number, "Follow only edges of at least this weight.")
            .WithQuery("minConfidence", JsonSchemaType.Number, "Reach only nodes whose metadata.confidence is at least this.")
            .WithQuery("asOf", JsonSchemaType.Integer, "Walk the graph as of this seq.");
        routes.MapGet("/reason/traces/{id}", CausalTraceAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("The ordered causal trace: {trace_id, ordered_path, metadata}.")
            .Named("getCausalTrace").Answers<CausalTrace>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> TraceAsync(string id, HttpRequest request, IReasoningGraph graph, ReadView view, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = TraceParameters.Options(request.Query);
        var page = await graph.TraceAsync(RouteIds.Parse(id), TraceParameters.Direction(request.Query), options, cancellationToken);
        return TraceResponse.Create(view.Redact(page), options.Depth ?? DefaultDepth, time.GetUtcNow());
    }

    private static Task<IResult> CausalTraceAsync(
        string id, IReasoningGraph graph, CausalTraceCache cache, ReadView view, TimeProvider time, CancellationToken cancellationToken) =>
        cache.AnswerAsync(RouteIds.Parse(id), view, graph, time, cancellationToken);
}
