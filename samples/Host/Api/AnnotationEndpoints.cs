using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary><c>POST /reason/node/{id}/annotations</c> and its alias <c>POST /reason/annotate/{id}</c>.</summary>
internal static class AnnotationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        const string Summary = "Annotate a node (or an edge with targetType \"edge\"): {annotationType, author, payload}. 201 {annotationId, createdAt}.";
        Describe(routes.MapPost("/reason/node/{id}/annotations", AnnotateAsync).RequireCapability(Capabilities.Write).Writes().WithSummary(Summary), "annotateNode");
        Describe(routes.MapPost("/reason/annotate/{id}", AnnotateAsync).RequireCapability(Capabilities.Write).Writes().WithSummary(Summary), "annotate");
    }

    private static void Describe(RouteHandlerBuilder endpoint, string operationId)
    {
        endpoint.Named(operationId).AcceptsJson<AnnotationRequest>().Answers<AnnotationWritten>(StatusCodes.Status201Created, StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> AnnotateAsync(string id, HttpRequest request, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        var target = RouteIds.Parse(id);
        var input = RequestBody.Annotation(await JsonBody.ReadAsync(request, cancellationToken), target);
        var result = await GraphWrites.AppendAsync(graph, [input], cancellationToken);
        return new EnvelopeResult(GraphWrites.StatusOf(result), writer =>
        {
            GraphWrites.WriteIdAndTime(writer, "annotationId", result.Items[0]);
            writer.WritePropertyName("annotation");
            GraphJson.WriteItem(writer, result.Items[0]);
        });
    }
}
