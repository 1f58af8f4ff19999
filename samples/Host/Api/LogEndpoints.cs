using ReasoningGraph.Audit;
using Microsoft.OpenApi;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Host.VerifiableLog;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// The audit log as a verifiable log (INTEROP §8, docs/VERIFIABLE_LOG.md), for <c>read:trace</c> callers:
/// <c>GET /reason/log/checkpoint</c> (the latest stored signed checkpoint, or one of the whole chain; a C2SP signed note, text/plain),
/// <c>/reason/log/verifier-key</c>, <c>/reason/log/inclusion?index&amp;treeSize</c>,
/// <c>/reason/log/consistency?from&amp;to</c> and <c>/reason/{node|edge|annotation|snapshot}/{id}/inclusion?treeSize</c>.
/// Proofs are the JSON <c>reasoning-graph log</c> prints, in the envelope.
/// </summary>
internal static class LogEndpoints
{
    /// <summary>The items with an inclusion route, <c>/reason/{kind}/{id}/inclusion</c>, and the type of the event that records each.</summary>
    private static readonly (string Kind, string EventType)[] Items =
    [
        ("node", AuditEventTypes.NodeCreated),
        ("edge", AuditEventTypes.EdgeCreated),
        ("annotation", AuditEventTypes.AnnotationCreated),
        ("snapshot", AuditEventTypes.SnapshotCreated),
    ];

    public static void Map(IEndpointRouteBuilder routes)
    {
        RouteHandlerBuilder Get(string pattern, Delegate handler, string operationId, string summary) =>
            routes.MapGet(pattern, handler).RequireCapability(Capabilities.ReadTrace).WithSummary(summary).Named(operationId).WithTags("log");
        const string TreeSize = "The size of the tree the proof is for: 1 to the chain's size.";

        Get("/reason/log/checkpoint", CheckpointAsync, "getLogCheckpoint",
            "The signed checkpoint of the audit chain: a C2SP signed note (text/plain) by the audit signer, the latest stored one when checkpoints are produced, else of the whole chain; 502 SIGNING_FAILURE when it cannot sign notes.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Refuses(StatusCodes.Status502BadGateway);
        Get("/reason/log/verifier-key", VerifierKey, "getLogVerifierKey", "{verifierKey, keyName, origin}: the note verifier key checkpoints are signed with.")
            .Answers<VerifierKeyAnswer>().Refuses(StatusCodes.Status502BadGateway);
        Get("/reason/log/inclusion", InclusionAsync, "getLogInclusion", "?index=N&treeSize=M → {leafIndex, treeSize, eventHash, hashes}: event N is in the tree of M events.")
            .Answers<InclusionProofAnswer>().Refuses(StatusCodes.Status400BadRequest)
            .WithQuery("index", JsonSchemaType.Integer, "The audit event's position (0-based), below treeSize.", required: true)
            .WithQuery("treeSize", JsonSchemaType.Integer, TreeSize, required: true);
        Get("/reason/log/consistency", ConsistencyAsync, "getLogConsistency", "?from=A&to=B → {from, to, hashes}: the tree of B events extends the tree of A.")
            .Answers<ConsistencyProofAnswer>().Refuses(StatusCodes.Status400BadRequest)
            .WithQuery("from", JsonSchemaType.Integer, "The smaller tree's size, at least 1.", required: true)
            .WithQuery("to", JsonSchemaType.Integer, "The larger tree's size, at most the chain's size.", required: true);
        foreach (var (kind, eventType) in Items)
        {
            Get($"/reason/{kind}/{{id}}/inclusion",
                (string id, HttpRequest request, PublishedLog log, CancellationToken cancellationToken) =>
                    ItemInclusionAsync(RouteIds.Parse(id), kind, eventType, request.Query, log, cancellationToken),
                $"get{char.ToUpperInvariant(kind[0])}{kind[1..]}Inclusion",
                $"?treeSize=M → {{leafIndex, treeSize, eventHash, hashes}}: the {kind}'s audit event is in the tree of M events.")
                .Answers<InclusionProofAnswer>().Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
                .WithQuery("treeSize", JsonSchemaType.Integer, TreeSize, required: true);
        }
    }

    private static async Task<IResult> CheckpointAsync(PublishedLog log, CancellationToken cancellationToken)
    {
        string note = await log.CurrentCheckpointAsync(cancellationToken);
        return Results.Text(note, "text/plain; charset=utf-8");
    }

    private static EnvelopeResult VerifierKey(PublishedLog log)
    {
        var key = log.Key();
        return new EnvelopeResult(StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("verifierKey", key.VerifierKey);
            writer.WriteString("keyName", key.Name);
            writer.WriteString("origin", log.Origin);
        });
    }

    private static async Task<IResult> InclusionAsync(HttpRequest request, PublishedLog log, CancellationToken cancellationToken)
    {
        long index = QueryValues.RequiredInt64(request.Query, "index"), treeSize = QueryValues.RequiredInt64(request.Query, "treeSize");
        using var tree = await log.OpenAsync(cancellationToken);
        return await ProveInclusionAsync(tree, index, treeSize, cancellationToken);
    }

    private static async Task<IResult> ItemInclusionAsync(
        Guid id, string kind, string eventType, IQueryCollection query, PublishedLog log, CancellationToken cancellationToken)
    {
        long treeSize = QueryValues.RequiredInt64(query, "treeSize");
        using var tree = await log.OpenAsync(cancellationToken);
        long index = await tree.IndexOfAsync(id, eventType, cancellationToken) ?? throw ReasoningGraph.Errors.GraphErrors.NotFound("id", id, null, $"No audit event records a {kind} {id}.");
        if (index >= treeSize && treeSize <= tree.Size)
        {
            throw ApiErrors.InvalidPayload("treeSize", $"The {kind}'s audit event is event {index}: it is in trees of more than {index} events, not of {treeSize}.");
        }

        return await ProveInclusionAsync(tree, index, treeSize, cancellationToken);
    }

    private static async Task<IResult> ConsistencyAsync(HttpRequest request, PublishedLog log, CancellationToken cancellationToken)
    {
        long from = QueryValues.RequiredInt64(request.Query, "from"), to = QueryValues.RequiredInt64(request.Query, "to");
        using var tree = await log.OpenAsync(cancellationToken);
        Refuse(tree.ConsistencyProblem(from, to));
        var proof = await tree.ConsistencyProofAsync(from, to, cancellationToken);
        return new EnvelopeResult(StatusCodes.Status200OK, proof.WriteMembers);
    }

    private static async Task<EnvelopeResult> ProveInclusionAsync(LogTree tree, long index, long treeSize, CancellationToken cancellationToken)
    {
        Refuse(tree.InclusionProblem(index, treeSize));
        var proof = await tree.InclusionProofAsync(index, treeSize, cancellationToken);
        return new EnvelopeResult(StatusCodes.Status200OK, proof.WriteMembers);
    }

    private static void Refuse(ProofRangeProblem? problem)
    {
        if (problem is not null)
        {
            throw ApiErrors.InvalidPayload(problem.Parameter, problem.Message);
        }
    }
}
