using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HealthReport = ReasoningGraph.Host.Http.HealthReport;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// <c>GET /health</c>: liveness and a summary of the configuration (no authentication), on the health checks tagged
/// <see cref="HealthRegistration.Live"/>. It answers 200 while the process serves, whatever the store does; <c>db</c>
/// (the replaced Go service's field) says whether the store answered a ping (the package's store check, read at most
/// once a second so a busy prober cannot load the database, within 1 s). Readiness is <c>/ready</c>.
/// </summary>
internal static class HealthEndpoints
{
    /// <summary>A probe answers GET only, as the <c>MapGet</c> probes did (health checks alone answer every method).</summary>
    public static readonly HttpMethodMetadata ProbeMethods = new(["GET"]);

    public static void Map(WebApplication app)
    {
        var time = app.Services.GetRequiredService<TimeProvider>();
        var facts = app.Services.GetRequiredService<HostFacts>();
        var tls = app.Services.GetRequiredService<Security.TlsMaterial>(); // expiries as rotated, not as at start
        var started = time.GetUtcNow();
        var writes = app.Services.GetRequiredService<WriteGuard>();
        var status = app.Services.GetRequiredService<Background.GraphStatus>();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthRegistration.Live),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status200OK,
            },
            ResponseWriter = (context, report) =>
            {
                bool reachable = report.Entries.TryGetValue(HealthRegistration.Db, out var db) && db.Status == HealthStatus.Healthy;
                var now = time.GetUtcNow();
                return context.Response.WriteAsJsonAsync(
                    new HealthReport(
                        true,
                        reachable,
                        Rfc3339Nano.Format(now),
                        writes.ReadOnly,
                        facts.Mtls,
                        facts.KernelConfigured,
                        facts.Signer is not null,
                        (long)(now - started).TotalSeconds,
                        facts.Store,
                        tls.CaExpiry,
                        tls.ServerExpiry,
                        status.Audit?.PendingSignatures ?? 0,
                        writes.Reason,
                        status.Controls.SigningHold is { } hold ? new ControlReport(hold.Reason, hold.Actor, hold.Since) : null,
                        status.Snapshots?.OnHold ?? 0),
                    HostJsonContext.Default.HealthReport,
                    cancellationToken: context.RequestAborted);
            },
        }).WithSummary("Liveness and a summary of the configuration; db: the store answered a ping.").WithMetadata(ProbeMethods);
    }
}
