using System.Text.Json;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary><c>GET /reason/node/{id}/explain</c> (the rationale) and <c>GET /reason/trace/{id}/explain</c> (the rationale with the trace it was built from).</summary>
internal static class ExplainEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/reason/node/{id}/explain", ExplainNodeAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("A readable rationale for a node: {summary, components, evidence}.");
        routes.MapGet("/reason/trace/{id}/explain", ExplainTraceAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("The ordered causal trace of a node and its rationale: {explanation, trace}.");
    }

    private static async Task<IResult> ExplainNodeAsync(string id, IReasoningGraph graph, ReadView view, CancellationToken cancellationToken)
    {
        var trace = view.Redact(await graph.GetCausalTraceAsync(RouteIds.Parse(id), cancellationToken));
        return EnvelopeResult.Of(graph.Explain(trace), ResultJson.Explanation);
    }

    private static async Task<IResult> ExplainTraceAsync(string id, IReasoningGraph graph, ReadView view, CancellationToken cancellationToken)
    {
        var trace = view.Redact(await graph.GetCausalTraceAsync(RouteIds.Parse(id), cancellationToken));
        var explanation = graph.Explain(trace);
        return new EnvelopeResult(StatusCodes.Status200OK, writer =>
        {
            writer.WritePropertyName("explanation");
            JsonSerializer.Serialize(writer, explanation, ResultJson.Explanation);
            writer.WritePropertyName("trace");
            JsonSerializer.Serialize(writer, trace, ResultJson.CausalTrace);
        });
    }
}
