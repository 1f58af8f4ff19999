using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary><c>POST /reason/edge</c> and <c>POST /reason/edges</c> (atomic batch).</summary>
internal static class EdgeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/reason/edge", AppendOneAsync)
            .RequireCapability(Capabilities.Write).Writes()
            .WithSummary("Record one edge; both endpoints must exist. 201 {edgeId, createdAt}.")
            .Named("appendEdge").AcceptsJson<EdgeInput>().Answers<EdgeWritten>(StatusCodes.Status201Created, StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status502BadGateway);
        routes.MapPost("/reason/edges", AppendBatchAsync)
            .RequireCapability(Capabilities.Write).Writes()
            .WithSummary("Record edges atomically: {edges:[…], audit_context:{kernel_manifest_signature_id}}.")
            .Named("appendEdges").AcceptsJson<EdgeBatch>().Answers<EdgesWritten>(StatusCodes.Status201Created, StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> AppendOneAsync(HttpRequest request, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        var input = RequestBody.ToInput<EdgeInput>(await RequestBody.ReadObjectAsync(request, cancellationToken), "edge");
        var result = await GraphWrites.AppendAsync(graph, [input], cancellationToken);
        return new EnvelopeResult(GraphWrites.StatusOf(result), writer => GraphWrites.WriteIdAndTime(writer, "edgeId", result.Items[0]));
    }

    private static async Task<IResult> AppendBatchAsync(HttpRequest request, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken);
        _ = AuditContext.ManifestSignatureId(body); // validated; edges carry no manifest field of their own
        var entries = RequestBody.ObjectArray(body, "edges");
        var inputs = new List<GraphItemInput>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            inputs.Add(RequestBody.ToInput<EdgeInput>(entries[i], "edge", $"edges[{i}]"));
        }

        var result = await GraphWrites.AppendAsync(graph, inputs, cancellationToken);
        return GraphWrites.BatchResult(result, "edges", "edgeId");
    }
}
