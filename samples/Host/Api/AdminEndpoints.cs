using ReasoningGraph.Controls;
using ReasoningGraph.Host.Background;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// The operator switches at run time (<c>admin</c> capability): <c>GET /admin/controls</c> and
/// <c>PUT /admin/controls/{signing-hold|read-only}</c> with <c>{enabled, reason}</c>. A change is durable and shared
/// by every host of the graph (they see it within about a second) and recorded on the audit chain, actor = the
/// caller. Never marked as a write: turning read-only off must work while writes are refused. Mapped only when the
/// store keeps switches (PostgreSQL); with the embedded store use <c>READ_ONLY=true</c>.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, IReasoningGraphStore store)
    {
        if (store is not IGraphControls)
        {
            return;
        }

        routes.MapGet("/admin/controls", Get).RequireCapability(Capabilities.Admin)
            .WithSummary("The operator switches: signingHold and readOnly ({reason, actor, since} or null) and readOnlySetting (READ_ONLY=true).")
            .Named("getControls").Answers<ControlsAnswer>();
        routes.MapPut("/admin/controls/{control}", SetAsync).RequireCapability(Capabilities.Admin)
            .WithSummary("Turn signing-hold or read-only on or off: {enabled, reason}; recorded on the audit chain.")
            .Named("setControl").AcceptsJson<ControlRequestBody>().Answers<ControlsAnswer>()
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
    }

    private static EnvelopeResult Get(GraphStatus status, WriteGuard writes) => Report(status.Controls, writes);

    private static async Task<IResult> SetAsync(string control, HttpContext context, IReasoningGraphStore store, GraphStatus status, WriteGuard writes, CancellationToken cancellationToken)
    {
        var which = control switch
        {
            "signing-hold" => GraphControl.SigningHold,
            "read-only" => GraphControl.ReadOnly,
            _ => throw ApiErrors.InvalidPayload("control", $"'{control}' is not a control: signing-hold or read-only."),
        };
        var body = JsonBody.Deserialize(await JsonBody.ReadAsync(context.Request, cancellationToken), HostJsonContext.Default.ControlRequestBody, "control change");
        bool enabled = body.Enabled ?? throw ApiErrors.InvalidPayload("enabled", "enabled (true or false) is required.");
        string reason = body.Reason ?? (enabled ? throw ApiErrors.InvalidPayload("reason", "A reason is required to turn a control on.") : "turned off");
        var state = await ((IGraphControls)store).SetControlAsync(which, enabled, reason, CallerFeature.Of(context)!.Name, cancellationToken);
        status.SetControls(state); // this host at once; the others within a poll
        return Report(state, writes);
    }

    private static EnvelopeResult Report(GraphControlState state, WriteGuard writes) => new(StatusCodes.Status200OK, writer =>
    {
        ControlJson.WriteMembers(writer, state);
        writer.WriteBoolean("readOnlySetting", writes.ReadOnlySetting);
    });
}
