using ReasoningGraph.Errors;
using ReasoningGraph.Host.Background;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// Read-only mode: <c>READ_ONLY=true</c> (fixed for the process) or the graph's read-only switch, turned at run time
/// through <c>/admin/controls</c> or the CLI and shared by every host (<see cref="GraphStatus"/>). Every endpoint
/// marked <see cref="WriteGuardExtensions.Writes"/> then answers 503 <c>READ_ONLY</c> before it reads its body, so
/// nothing is written while reads go on. Checked after authentication: a caller without the capability learns that
/// first.
/// </summary>
internal sealed class WriteGuard(bool readOnlySetting, GraphStatus status)
{
    /// <summary><c>READ_ONLY=true</c>: cannot be turned off at run time.</summary>
    public bool ReadOnlySetting => readOnlySetting;

    public bool ReadOnly => readOnlySetting || status.Controls.ReadOnly is not null;

    /// <summary>Why writes are refused; null when they are not.</summary>
    public string? Reason => readOnlySetting
        ? "READ_ONLY=true"
        : status.Controls.ReadOnly is { } setting ? $"{setting.Reason} (set by {setting.Actor} at {setting.Since:O})" : null;

    public static void Add(IServiceCollection services, bool readOnly) =>
        services.AddSingleton(provider => new WriteGuard(readOnly, provider.GetRequiredService<GraphStatus>()));
}

/// <summary>Marks write endpoints.</summary>
internal static class WriteGuardExtensions
{
    public static RouteHandlerBuilder Writes(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter((context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<WriteGuard>().Reason is { } reason
                ? throw new ReasoningGraphException(ErrorCodes.ReadOnly, $"The service is read-only ({reason}): writes are refused until an operator turns it off; reads go on.")
                : next(context));
}
