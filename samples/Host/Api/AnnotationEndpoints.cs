using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary><c>POST /reason/node/{id}/annotations</c> and its alias <c>POST /reason/annotate/{id}</c>.</summary>
internal static class AnnotationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        const string Summary = "Annotate a node (or an edge with targetType \"edge\"): {annotationType, author, payload}. 201 {annotationId, createdAt}.";
        routes.MapPost("/reason/node/{id}/annotations", AnnotateAsync).RequireCapability(Capabilities.Write).Writes().WithSummary(Summary);
        routes.MapPost("/reason/annotate/{id}", AnnotateAsync).RequireCapability(Capabilities.Write).Writes().WithSummary(Summary);
    }

    private static async Task<IResult> AnnotateAsync(string id, HttpRequest request, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        var target = RouteIds.Parse(id);
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        if (body["targetId"] is { } given && (!Guid.TryParse(RequestBody.Text(given, "targetId"), out var sent) || sent != target))
        {
            throw ApiErrors.InvalidPayload("targetId", "targetId, when sent, must equal the id in the path.");
        }

        body["targetId"] = target.ToString();
        body["targetType"] ??= "node";
        var input = RequestBody.ToInput<AnnotationInput>(body, "annotation");
        var result = await GraphWrites.AppendAsync(graph, [input], cancellationToken);
        return new EnvelopeResult(GraphWrites.StatusOf(result), writer =>
        {
            GraphWrites.WriteIdAndTime(writer, "annotationId", result.Items[0]);
            writer.WritePropertyName("annotation");
            GraphJson.WriteItem(writer, result.Items[0]);
        });
    }
}
