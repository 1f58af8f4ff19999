namespace ReasoningGraph.Host.Serving;

/// <summary><c>GET /health</c>: liveness and a summary of the configuration.</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        var time = app.Services.GetRequiredService<TimeProvider>();
        var started = time.GetUtcNow();
        app.MapGet("/health", () => Results.Json(
            new HealthReport(true, (long)(time.GetUtcNow() - started).TotalSeconds),
            HostJsonContext.Default.HealthReport));
    }
}

internal sealed record HealthReport(bool Ok, long Uptime);
