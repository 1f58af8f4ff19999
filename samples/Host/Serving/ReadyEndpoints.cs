using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// <c>GET /ready</c>, on the health checks tagged <see cref="HealthRegistration.Ready"/>: 200 when the service can serve
/// (the store answers and commits a write in time, both archives are usable: <c>archive</c> for operator snapshots,
/// <c>auditorArchive</c> for auditor ones), else 503; each component reports <c>ok</c>, <c>failed: …</c> or
/// <c>not configured</c>. <c>writes</c> is the write probe (<see cref="StoreWriteHealth"/>: PostgreSQL, at most one per
/// 5 s): a commit blocked waiting for a synchronous standby takes the pod out of service. The signer is reported (the
/// package's signer check: its last real signature, or a probe at most every 30 s) but does not decide readiness; nor
/// does the Kernel (<see cref="KernelHealth"/>, with <c>KERNEL_API_URL</c>): both fail as Degraded, which answers 200.
/// Each archive's own probe decides its verdict (S3: the bucket has Object Lock and a default retention; filesystem:
/// the directory is writable). The body answers anyone, so a failure says what failed and never an exception's text
/// (a host and port, a URL, a path); <see cref="ReadyLog"/> gives the operator the exception, once per outage.
/// </summary>
internal static class ReadyEndpoints
{
    /// <summary>The components reported, in the body's order.</summary>
    private static readonly string[] Components =
    [
        HealthRegistration.Store, HealthRegistration.Writes, HealthRegistration.Signer, HealthRegistration.Kernel, HealthRegistration.Archive,
        HealthRegistration.AuditorArchive,
    ];

    public static void Map(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ReadyLog>();
        app.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthRegistration.Ready),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) =>
            {
                log.Observe(report);
                return WriteAsync(context, report);
            },
        }).WithSummary("Readiness: store ping, write probe, signer probe, archive probes.").WithMetadata(HealthEndpoints.ProbeMethods);
    }

    private static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        // The signer and the Kernel fail as Degraded: reported, not required (during the signer's outage reads and
        // writes go on and snapshots stay pending).
        bool ready = report.Status != HealthStatus.Unhealthy;
        return new EnvelopeResult(ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, ok: ready, writer =>
        {
            writer.WriteBoolean("ready", ready);
            foreach (string name in Components)
            {
                writer.WriteString(name, HealthRegistration.Describe(report, name));
            }
        }).ExecuteAsync(context);
    }
}
