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

internal sealed record HealthReport(
    bool Ok,
    [property: System.Text.Json.Serialization.JsonPropertyName("mTLS")] bool Mtls,
    bool KernelConfigured,
    bool SignerConfigured,
    long Uptime,
    string Store,
    DateTimeOffset? ClientCaExpiry,
    DateTimeOffset? ServerCertificateExpiry);
