using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// One OpenTelemetry pipeline: the library's <c>ReasoningGraph</c> meter (<c>AddReasoningGraphInstrumentation()</c>),
/// ASP.NET Core's HTTP server metrics and the outgoing HTTP client's (the signer, SentinelNet, the Kernel probe),
/// scraped as Prometheus text at <c>/metrics</c>; spans of the library, of ASP.NET Core (which continues a
/// <c>traceparent</c> sent by the Kernel), of Npgsql (every statement) and of HttpClient (every call to the signer or
/// SentinelNet), so a slow query or a slow signer shows inside the request's trace, exported over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_COLLECTOR_URL) is set.
/// </summary>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void Add(IServiceCollection services, ObservabilityOptions options)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("reasoning-graph"))
            .WithMetrics(metrics => metrics
                .AddReasoningGraphInstrumentation()
                .AddMeter(CausalTraceCache.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
                .AddMeter("System.Net.Http")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing.AddReasoningGraphInstrumentation().AddSource("Microsoft.AspNetCore", "Npgsql", "System.Net.Http"));
        if (options.OtlpFromCollectorUrl)
        {
            // The runbooks' name for the collector: its gRPC endpoint (the exporter's default protocol).
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, options.OtlpEndpoint!);
        }
        else if (options.OtlpExport)
        {
            // Reads the standard OTEL_EXPORTER_OTLP_* settings itself.
            telemetry.UseOtlpExporter();
        }
    }

    public static void Map(WebApplication app) => app.MapPrometheusScrapingEndpoint(MetricsPath);
}
