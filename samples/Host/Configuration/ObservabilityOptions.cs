namespace ReasoningGraph.Host.Configuration;

/// <summary>Logs and telemetry: <c>LOG_FORMAT</c>, the OTLP exporter's presence and whether ASP.NET Core's log level is configured.</summary>
internal sealed record ObservabilityOptions
{
    /// <summary><c>LOG_FORMAT=json</c>: one JSON object per log line. Default: text, the readable console format.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or the runbooks' <c>OTEL_COLLECTOR_URL</c>); null: no OTLP export. The
    /// exporter reads the other OTEL_EXPORTER_OTLP_* itself.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    public bool OtlpExport => OtlpEndpoint is not null;

    /// <summary>The endpoint came from <c>OTEL_COLLECTOR_URL</c> alone: it must be passed to the exporter, which reads only the standard names.</summary>
    public bool OtlpFromCollectorUrl { get; init; }

    /// <summary>True when <c>Logging:LogLevel:Microsoft.AspNetCore</c> is configured; else its per-request chatter is kept at Warning.</summary>
    public bool AspNetCoreLogLevelConfigured { get; init; }

    /// <summary>
    /// True when <c>Logging:LogLevel</c> configures ASP.NET Core's health-check runner (or its namespace); else its line
    /// per failing check per probe is left out.
    /// </summary>
    public bool HealthChecksLogLevelConfigured { get; init; }

    public static ObservabilityOptions Read(SettingsReader settings) => new()
    {
        JsonLogs = settings.Choice("LOG_FORMAT", "text", "text", "json") == "json",
        OtlpEndpoint = RunbookNames.OtlpEndpoint(settings),
        OtlpFromCollectorUrl = settings.Text("OTEL_EXPORTER_OTLP_ENDPOINT") is null && settings.Text("OTEL_COLLECTOR_URL") is not null,
        AspNetCoreLogLevelConfigured = settings.Text("Logging:LogLevel:Microsoft.AspNetCore") is not null,
        HealthChecksLogLevelConfigured = settings.Text("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService") is not null
            || settings.Text("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks") is not null,
    };
}
