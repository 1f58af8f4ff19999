using System.Text.Json;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
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
            .WithSummary("A readable rationale for a node: {summary, components, evidence}.")
            .Named("explainNode").Answers<ReasoningGraph.Explanations.Explanation>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        routes.MapGet("/reason/trace/{id}/explain", ExplainTraceAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("The ordered causal trace of a node and its rationale: {explanation, trace}.")
            .Named("explainTrace").Answers<ExplainedTrace>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
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
