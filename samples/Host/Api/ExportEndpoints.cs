using ReasoningGraph.Canonicalization;
using ReasoningGraph.Host.Export;
using Microsoft.OpenApi;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// <c>GET /reason/export/{id}?format=json|canonical|human</c>: the node's causal trace with its annotations and
/// corrections, the rationale and the verification data of the latest signed snapshot rooted at it, through the
/// caller's read view. <c>json</c> (default): the envelope <c>{ok, export:{…}}</c>; <c>canonical</c>: the export object
/// alone as canonical JSON bytes (INTEROP §1); <c>human</c>: a self-contained HTML page for auditors.
/// </summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/reason/export/{id}", ExportAsync)
            .RequireCapability(Capabilities.ReadTrace)
            .WithSummary("Export a node's trace, annotations, rationale and latest snapshot: format=json (envelope), canonical (canonical JSON bytes) or human (HTML page).")
            .Named("exportNode").Answers<ExportAnswer>()
            .AlsoAnswers(StatusCodes.Status200OK, ApiDescriptions.Json, typeof(NodeExportDocument)).AlsoAnswers(StatusCodes.Status200OK, "text/html")
            .WithQuery("format", JsonSchemaType.String, "json (default): the envelope {export}; canonical: the export object alone as canonical JSON; human: an HTML page.",
                values: ["json", "canonical", "human"])
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    private static async Task<IResult> ExportAsync(
        string id, string? format, IReasoningGraph graph, ISnapshotStore snapshots, ReadView view, TimeProvider time, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var nodeId = RouteIds.Parse(id);
        string chosen = format ?? "json";
        if (chosen is not ("json" or "canonical" or "human"))
        {
            throw ApiErrors.InvalidPayload("format", $"format must be json, canonical or human, not '{format}'.");
        }

        var trace = view.Redact(await graph.GetCausalTraceAsync(nodeId, cancellationToken));
        var snapshot = await snapshots.GetLatestSignedByRootAsync(nodeId, cancellationToken);
        var export = new NodeExport(nodeId, time.GetUtcNow(), view.RedactsPii, trace, graph.Explain(trace), snapshot);
        return chosen switch
        {
            "canonical" => Results.Bytes(CanonicalJson.Canonicalize(export.ToJson()), "application/json"),
            "human" => Human(response, export),
            _ => new EnvelopeResult(StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartObject("export");
                export.WriteMembers(writer);
                writer.WriteEndObject();
            }),
        };
    }

    private static IResult Human(HttpResponse response, NodeExport export)
    {
        response.Headers.ContentSecurityPolicy = HumanExportPage.ContentSecurityPolicy;
        return Results.Content(HumanExportPage.Render(export), "text/html; charset=utf-8");
    }
}
