using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// Endpoint metadata and filter: 401 <c>NOT_AUTHORIZED</c> without an accepted credential (the anonymous caller of
/// <see cref="AnonymousReads"/> counts as one only on the endpoints it opens), 403 <c>FORBIDDEN</c> without the capability.
/// </summary>
internal static class CapabilityFilter
{
    public static RouteHandlerBuilder RequireCapability(this RouteHandlerBuilder builder, string capability) =>
        builder.AddEndpointFilter((context, next) =>
        {
            var feature = context.HttpContext.Features.Get<CallerFeature>();
            if (feature?.Caller is not { } caller)
            {
                string reason = feature?.Rejection ?? "no client certificate, bearer token or development principal was presented";
                throw ApiErrors.NotAuthorized($"Authentication required ({reason}).");
            }

            if (caller.Via == AnonymousReads.Via && !AnonymousReads.IsAllowed(context.HttpContext))
            {
                throw ApiErrors.NotAuthorized("Authentication required (no credential was presented; ALLOW_ANONYMOUS_READS opens the read endpoints only).");
            }

            if (!caller.Can(capability))
            {
                throw ApiErrors.Forbidden($"'{caller.Name}' does not hold '{capability}'.", capability);
            }

            return next(context);
        })
        .WithMetadata(new CapabilityRequirement(capability))
        .Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
}
