using System.Text.Json;
using ReasoningGraph.Host.Background;
using Microsoft.OpenApi;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// <c>POST /reason/snapshot</c> and <c>GET /reason/snapshot/{id}</c> over <see cref="SnapshotService"/>. The request id
/// comes from the <c>Idempotency-Key</c> header or the body's <c>requestId</c> (both: they must agree).
/// </summary>
internal static class SnapshotEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/reason/snapshot", CreateAsync)
            .RequireCapability(Capabilities.ReadTrace).Writes()
            .WithSummary("Take a signed snapshot: {rootNodeIds, description?, audience?, depth?, requestId?} (or header Idempotency-Key) → 201 {snapshotId, hash, signature, signerId, createdAt}.")
            .Named("createSnapshot").AcceptsJson<SnapshotRequestBody>().Answers<SnapshotTaken>(StatusCodes.Status201Created).Answers<SnapshotDeferred>(StatusCodes.Status202Accepted)
            .WithAnswerHeader(StatusCodes.Status202Accepted, "Location", "/reason/snapshot/{snapshotId}: where the snapshot is served once signed.")
            .WithHeader(IdempotencyKeyHeader, "The request id; a repeat returns the first snapshot. Equal to the body's requestId when both are sent.")
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status502BadGateway);
        routes.MapGet("/reason/snapshot/{id}", GetAsync)
            .RequireCapability(Capabilities.ReadTrace).AllowAnonymousRead()
            .WithSummary("A signed snapshot: {snapshot} with the document byte for byte as signed; ?format=human adds {human: {nodeCount, edgeCount, summary}}; 409 SNAPSHOT_NOT_READY while pending.")
            .Named("getSnapshot").Answers<SnapshotAnswer>()
            .WithQuery("format", JsonSchemaType.String, "human adds the summary; json (default) does not.", values: ["json", SnapshotHumanSummary.Format])
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IServiceProvider services, SnapshotArchiveQueue archiveQueue, CancellationToken cancellationToken)
    {
        var snapshots = Service(services);
        var store = services.GetRequiredService<ISnapshotStore>();
        var body = JsonBody.Deserialize(await JsonBody.ReadAsync(context.Request, cancellationToken), HostJsonContext.Default.SnapshotRequestBody, "snapshot request");

        var caller = CallerFeature.Of(context)!;
        var request = new SnapshotRequest
        {
            RootIds = body.RootNodeIds ?? throw ApiErrors.InvalidPayload("rootNodeIds", "rootNodeIds is required."),
            Depth = body.Depth,
            Audience = Audience(body.Audience),
            CanExportPii = caller.Can(Capabilities.ExportPii),
            RequestId = RequestId(context.Request, body),
            SnapshotId = Guid.CreateVersion7(),
            Actor = caller.Name,
        };

        StoredSnapshot stored;
        try
        {
            stored = await snapshots.CreateAsync(request, cancellationToken);
        }
        catch (ReasoningGraphException e) when (e.ErrorCode is ErrorCodes.SigningFailure or ErrorCodes.StoreUnavailable)
        {
            return await PendingAsync(e, request, store, archiveQueue, context.Response, cancellationToken);
        }

        if (stored.Status == SnapshotStatus.OnHold)
        {
            // Signing is held by an operator: stored, never signed or served until the hold is released.
            context.Response.Headers.Location = "/reason/snapshot/" + stored.Id;
            var hold = services.GetRequiredService<Background.GraphStatus>().Controls.SigningHold;
            return new EnvelopeResult(StatusCodes.Status202Accepted, writer =>
            {
                writer.WriteString("snapshotId", stored.Id);
                writer.WriteString("status", "on_hold");
                writer.WriteString("reason", "SIGNING_HELD");
                writer.WriteString("message", "Snapshot signing is held by an operator" + (hold is null ? "" : $" ({hold.Reason})") +
                    "; the snapshot is stored on hold and signed once the hold is released.");
            });
        }

        archiveQueue.Enqueue(stored.Id);
        return new EnvelopeResult(StatusCodes.Status201Created, writer =>
        {
            writer.WriteString("snapshotId", stored.Id);
            writer.WriteString("hash", stored.Hash);
            writer.WriteString("signature", stored.Signature);
            writer.WriteString("signerId", stored.SignerId);
            writer.WriteString("createdAt", Rfc3339Nano.Format(stored.CreatedAt));
        });
    }

    private static async Task<IResult> GetAsync(string id, string? format, HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        bool human = SnapshotHumanSummary.IsRequested(format);
        var stored = await Service(services).GetAsync(RouteIds.Parse(id), cancellationToken);
        if (stored.Audience == SnapshotAudience.Auditor && !CallerFeature.Of(context)!.Can(Capabilities.ExportPii))
        {
            throw ApiErrors.Forbidden("An auditor snapshot may include PII; reading it requires export:pii.", Capabilities.ExportPii);
        }

        // The stored bytes exactly: re-serializing could reorder or re-escape what the signature covers.
        return new EnvelopeResult(StatusCodes.Status200OK, writer =>
        {
            writer.WritePropertyName("snapshot");
            writer.WriteRawValue(stored.Document.Span, skipInputValidation: true);
            if (human)
            {
                SnapshotHumanSummary.Write(writer, stored.Document);
            }
        });
    }

    /// <summary>The snapshot service; without a configured signer there is none, which is a signing failure, not a crash.</summary>
    private static SnapshotService Service(IServiceProvider services) =>
        services.GetService<IDigestSigner>() is null
            ? throw new ReasoningGraphException(ErrorCodes.SigningFailure, "No signer is configured (SIGNING_PROXY_URL or SIGNING_KEY_PATH): snapshots cannot be taken or served.")
            : services.GetRequiredService<SnapshotService>();

    /// <summary>
    /// A snapshot the signer could not sign now: stored <c>pending</c> (never served unsigned), it is answered
    /// <c>202 Accepted</c> with its id and a <c>Location</c> to fetch it once the background worker has signed it. When
    /// nothing was stored (the store itself failed), the failure is the answer.
    /// </summary>
    private static async Task<IResult> PendingAsync(
        ReasoningGraphException failure, SnapshotRequest request, ISnapshotStore store, SnapshotArchiveQueue archiveQueue, HttpResponse response,
        CancellationToken cancellationToken)
    {
        Guid? pendingId = request.SnapshotId;
        if (request.RequestId is { } requestId)
        {
            // A repeated request id finishes the earlier snapshot, whose id is not the one this request proposed.
            pendingId = (await store.GetByRequestIdAsync(requestId, cancellationToken))?.Id;
        }
        else if (await store.GetAsync(request.SnapshotId!.Value, cancellationToken) is null)
        {
            pendingId = null;
        }

        if (pendingId is not { } id)
        {
            throw failure;
        }

        // The worker archives it once it has signed it (it would not learn the id from RetryPendingAsync).
        archiveQueue.Enqueue(id);
        response.Headers.Location = "/reason/snapshot/" + id;
        return new EnvelopeResult(StatusCodes.Status202Accepted, writer =>
        {
            writer.WriteString("snapshotId", id);
            writer.WriteString("status", "pending");
            writer.WriteString("reason", failure.ErrorCode);
            writer.WriteString("message", failure.Message + " The snapshot is stored pending; the background worker signs it when the signer is back.");
        });
    }

    private static SnapshotAudience Audience(string? audience) => audience switch
    {
        null or "operator" => SnapshotAudience.Operator,
        "auditor" => SnapshotAudience.Auditor,
        _ => throw ApiErrors.InvalidPayload("audience", "audience must be 'operator' or 'auditor'."),
    };

    private static string? RequestId(HttpRequest request, SnapshotRequestBody body)
    {
        string? header = request.Headers[IdempotencyKeyHeader].Count switch
        {
            0 => null,
            1 => request.Headers[IdempotencyKeyHeader].ToString(),
            _ => throw ApiErrors.InvalidPayload(IdempotencyKeyHeader, "Send one Idempotency-Key header."),
        };
        if (header is not null && body.RequestId is not null && header != body.RequestId)
        {
            throw ApiErrors.InvalidPayload("requestId", "The Idempotency-Key header and the body's requestId differ.");
        }

        return header ?? body.RequestId;
    }
}
