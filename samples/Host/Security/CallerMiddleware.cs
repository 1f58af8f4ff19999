using System.Net;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// Works out who is calling, once per request: a client certificate, else a Kernel-signed bearer token, else (only
/// when enabled, in Development, from loopback) the <c>X-Local-Dev-Principal</c> header, else (only with
/// <c>ALLOW_ANONYMOUS_READS</c>) the anonymous reader. Endpoints then check
/// capabilities (<see cref="CapabilityFilter"/>); unauthenticated requests still reach <c>/health</c> and friends.
/// </summary>
internal sealed partial class CallerMiddleware(RequestDelegate next, CallerAuthenticators authenticators, ILogger<CallerMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var feature = await ResolveAsync(context);
        context.Features.Set(feature);
        if (feature.Rejection is { } rejection)
        {
            LogRefused(logger, rejection, context.Connection.RemoteIpAddress?.ToString(), context.Request.Method, context.Request.Path);
        }
        if (feature.Caller is { } caller)
        {
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, caller.Name)], caller.Via));
        }

        await next(context);
    }

    private async Task<CallerFeature> ResolveAsync(HttpContext context)
    {
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (certificate is not null)
        {
            if (authenticators.Certificates is null)
            {
                return new CallerFeature { Rejection = "client certificates are not accepted: KERNEL_CA_CERT is not configured" };
            }

            var (caller, rejection) = authenticators.Certificates.Authenticate(certificate);
            return new CallerFeature { Caller = caller, Rejection = rejection };
        }

        string authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            if (authenticators.Jwt is null)
            {
                return new CallerFeature { Rejection = "bearer tokens are not accepted: KERNEL_SIGNER_KEYS_FILE is not configured" };
            }

            var (caller, rejection) = authenticators.Jwt.Validate(authorization["Bearer ".Length..].Trim());
            return new CallerFeature { Caller = caller, Rejection = rejection };
        }

        string devName = context.Request.Headers[SecurityOptions.DevPrincipalHeader].ToString();
        if (devName.Length > 0)
        {
            var remote = context.Connection.RemoteIpAddress;
            if (!authenticators.AllowDevPrincipal)
            {
                return new CallerFeature { Rejection = $"{SecurityOptions.DevPrincipalHeader} is disabled" };
            }

            return remote is not null && IPAddress.IsLoopback(remote)
                ? new CallerFeature { Caller = new Caller(devName, "dev-principal", Capabilities.All) }
                : new CallerFeature { Rejection = $"{SecurityOptions.DevPrincipalHeader} is only honoured from loopback" };
        }

        return authenticators.AllowAnonymousReads ? new CallerFeature { Caller = AnonymousReads.Caller } : new CallerFeature();
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Refused a credential from {RemoteAddress} on {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason, string? remoteAddress, string method, PathString path);
}
