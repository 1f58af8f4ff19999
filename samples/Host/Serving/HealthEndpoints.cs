using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Serving;

/// <summary><c>GET /health</c>: liveness and a summary of the configuration (no authentication).</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        var time = app.Services.GetRequiredService<TimeProvider>();
        var facts = app.Services.GetRequiredService<HostFacts>();
        var started = time.GetUtcNow();
        app.MapGet("/health", () => Results.Json(
            new HealthReport(
                true,
                facts.Mtls,
                facts.KernelConfigured,
                facts.Signer is not null,
                (long)(time.GetUtcNow() - started).TotalSeconds,
                facts.Store,
                facts.ClientCaExpiry,
                facts.ServerCertificateExpiry),
            HostJsonContext.Default.HealthReport));
    }
}
