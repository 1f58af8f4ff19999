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
        var input = RequestBody.One(await JsonBody.ReadAsync(request, cancellationToken), InputContracts.Edge);
        var result = await GraphWrites.AppendAsync(graph, [input], cancellationToken);
        return new EnvelopeResult(GraphWrites.StatusOf(result), writer => GraphWrites.WriteIdAndTime(writer, "edgeId", result.Items[0]));
    }

    private static async Task<IResult> AppendBatchAsync(HttpRequest request, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        // audit_context is checked; edges carry no manifest field of their own.
        var inputs = RequestBody.Batch(await JsonBody.ReadAsync(request, cancellationToken), InputContracts.Edge, "edges");
        var result = await GraphWrites.AppendAsync(graph, inputs, cancellationToken);
        return GraphWrites.BatchResult(result, "edges", "edgeId");
    }
}
