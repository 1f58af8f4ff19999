using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary><c>GET /reason/trace/{id}</c> (one cursor-paged walk) and <c>GET /reason/traces/{id}</c> (the ordered causal trace).</summary>
internal static class TraceEndpoints
{
    private const int DefaultDepth = 1;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/reason/trace/{id}", TraceAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("One page of a cycle-safe walk: ?direction=ancestors|descendants&depth&pageSize&cursor&order&edgeTypes&minWeight&minConfidence&asOf; follow nextCursor.");
        routes.MapGet("/reason/traces/{id}", CausalTraceAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("The ordered causal trace: {trace_id, ordered_path, metadata}.");
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
