using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary><c>POST /reason/node</c>, <c>POST /reason/nodes</c> (atomic batch) and <c>GET /reason/node/{id}</c>.</summary>
internal static class NodeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/reason/node", AppendOneAsync)
            .RequireCapability(Capabilities.Write).Writes()
            .WithSummary("Record one node. 201 {nodeId, createdAt}; 200 for an idempotent replay of the same id and content.")
            .Named("appendNode").AcceptsJson<NodeInput>().Answers<NodeWritten>(StatusCodes.Status201Created, StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status502BadGateway);
        routes.MapPost("/reason/nodes", AppendBatchAsync)
            .RequireCapability(Capabilities.Write).Writes()
            .WithSummary("Record nodes atomically: {nodes:[…], audit_context:{kernel_manifest_signature_id}}.")
            .Named("appendNodes").AcceptsJson<NodeBatch>().Answers<NodesWritten>(StatusCodes.Status201Created, StatusCodes.Status200OK)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status502BadGateway);
        routes.MapGet("/reason/node/{id}", GetAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("A node with its incoming and outgoing edges: {node, incoming, outgoing}.")
            .Named("getNode").Answers<NodeNeighborhood>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> AppendOneAsync(HttpRequest request, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        var input = RequestBody.One(await JsonBody.ReadAsync(request, cancellationToken), InputContracts.Node);
        var result = await GraphWrites.AppendAsync(graph, [input], cancellationToken);
        return new EnvelopeResult(GraphWrites.StatusOf(result), writer => GraphWrites.WriteIdAndTime(writer, "nodeId", result.Items[0]));
    }

    private static async Task<IResult> AppendBatchAsync(HttpRequest request, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        // The batch's manifest signature applies to every node that does not name its own.
        var inputs = RequestBody.Batch(
            await JsonBody.ReadAsync(request, cancellationToken), InputContracts.Node, "nodes", (node, manifest) => node with { ManifestSignatureId = manifest });
        var result = await GraphWrites.AppendAsync(graph, inputs, cancellationToken);
        return GraphWrites.BatchResult(result, "nodes", "nodeId");
    }

    private static async Task<IResult> GetAsync(string id, IReasoningGraph graph, ReadView view, CancellationToken cancellationToken)
    {
        var neighborhood = await graph.GetNeighborhoodAsync(RouteIds.Parse(id), cancellationToken);
        return EnvelopeResult.Of(view.Redact(neighborhood), ResultJson.NodeNeighborhood);
    }
}
