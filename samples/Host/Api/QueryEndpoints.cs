using System.Text.Json;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;
using ReasoningGraph.Querying;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Api;

/// <summary><c>POST /reason/query</c>: one keyset page of the nodes matching a filter.</summary>
internal static class QueryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/reason/query", QueryAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("Nodes matching {types?, authors?, tags?, createdFrom?, createdBefore?, minConfidence?, pageSize?, cursor?}, in seq order: {items, nextCursor, asOf}.")
            .Named("queryNodes").AcceptsJson<QueryRequest>().Answers<NodeQueryPage>()
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> QueryAsync(HttpRequest request, IReasoningGraph graph, ReadView view, CancellationToken cancellationToken)
    {
        var body = JsonBody.Deserialize(await JsonBody.ReadAsync(request, cancellationToken), HostJsonContext.Default.QueryRequest, "query");
        var page = await graph.QueryAsync(
            new NodeQuery
            {
                Filter = new NodeFilter
                {
                    Types = body.Types,
                    Authors = body.Authors,
                    Tags = body.Tags,
                    CreatedFrom = body.CreatedFrom,
                    CreatedBefore = body.CreatedBefore,
                    MinConfidence = body.MinConfidence,
                },
                PageSize = body.PageSize,
                Cursor = body.Cursor,
            },
            cancellationToken);
        return EnvelopeResult.Of(view.Redact(page), ResultJson.NodeQueryPage);
    }
}
