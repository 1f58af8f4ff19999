using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// One OpenTelemetry pipeline: the library's <c>ReasoningGraph</c> meter and ASP.NET Core's HTTP server metrics,
/// scraped as Prometheus text at <c>/metrics</c>; spans of the library and of ASP.NET Core (which continues a
/// <c>traceparent</c> sent by the Kernel) exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void Add(IServiceCollection services, ObservabilityOptions options)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("reasoning-graph"))
            .WithMetrics(metrics => metrics
                .AddMeter(ReasoningGraphDiagnostics.Name, CausalTraceCache.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing.AddSource(ReasoningGraphDiagnostics.Name, "Microsoft.AspNetCore"));
        if (options.OtlpExport)
        {
            // Reads the standard OTEL_EXPORTER_OTLP_* settings itself.
            telemetry.UseOtlpExporter();
        }
    }

    public static void Map(WebApplication app) => app.MapPrometheusScrapingEndpoint(MetricsPath);
}
