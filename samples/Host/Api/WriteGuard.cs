using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// <c>READ_ONLY=true</c>: every endpoint marked <see cref="Writes"/> answers 503 <c>READ_ONLY</c> before it reads its
/// body, so nothing is written while reads go on. Checked after authentication: a caller without the capability still
/// learns that first.
/// </summary>
internal sealed class WriteGuard(bool readOnly)
{
    public bool ReadOnly => readOnly;

    public static void Add(IServiceCollection services, bool readOnly) => services.AddSingleton(new WriteGuard(readOnly));
}

/// <summary>Marks write endpoints.</summary>
internal static class WriteGuardExtensions
{
    public static RouteHandlerBuilder Writes(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter((context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<WriteGuard>().ReadOnly
                ? throw new ReasoningGraphException(ErrorCodes.ReadOnly, "The service is read-only (READ_ONLY=true): writes are refused until an operator turns it off; reads go on.")
                : next(context));
}
