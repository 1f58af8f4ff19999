namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// Environment names the runbooks (written for the Go service) set: each is honoured where it means a setting of
/// this service, or refused with the name that replaces it, so none is silently ignored (docs/DEPLOYMENT.md,
/// "Configuration"). <c>KERNEL_API_URL</c> and its credentials are <see cref="KernelProbeOptions"/>.
/// </summary>
internal static class RunbookNames
{
    /// <summary>
    /// The OTLP endpoint: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else the runbooks' <c>OTEL_COLLECTOR_URL</c> (the same
    /// collector); both set and different is refused.
    /// </summary>
    public static Uri? OtlpEndpoint(SettingsReader settings)
    {
        var standard = settings.AbsoluteUrl("OTEL_EXPORTER_OTLP_ENDPOINT", "http", "https");
        var collector = settings.AbsoluteUrl("OTEL_COLLECTOR_URL", "http", "https");
        if (standard is not null && collector is not null && standard != collector)
        {
            settings.Refuse($"OTEL_COLLECTOR_URL ({collector}) and OTEL_EXPORTER_OTLP_ENDPOINT ({standard}) differ: OTEL_COLLECTOR_URL is read as OTEL_EXPORTER_OTLP_ENDPOINT; keep one.");
        }

        return standard ?? collector;
    }

    /// <summary>
    /// <c>NODE_ENV</c>: <c>production</c> agrees with any environment but Development; <c>development</c> must come
    /// with <c>ASPNETCORE_ENVIRONMENT=Development</c> (it cannot switch development-only behaviour on by itself).
    /// </summary>
    public static void CheckNodeEnv(SettingsReader settings, IHostEnvironment environment)
    {
        switch (settings.Text("NODE_ENV")?.ToLowerInvariant())
        {
            case null:
                return;
            case "production" when !environment.IsDevelopment():
            case "development" when environment.IsDevelopment():
                return;
            case "production":
                settings.Refuse("NODE_ENV=production but ASPNETCORE_ENVIRONMENT is Development: the environment is ASPNETCORE_ENVIRONMENT; make them agree or drop NODE_ENV.");
                return;
            case "development":
                settings.Refuse("NODE_ENV=development does not turn on development behaviour: set ASPNETCORE_ENVIRONMENT=Development (and drop NODE_ENV).");
                return;
            default:
                settings.Refuse($"NODE_ENV must be production or development, not '{settings.Text("NODE_ENV")}'; the environment is ASPNETCORE_ENVIRONMENT.");
                return;
        }
    }

    /// <summary>Names with no single meaning here: refused, naming what to set instead.</summary>
    public static void RefuseReplaced(SettingsReader settings)
    {
        if (settings.Text("CONTROL_PANEL_SIGNER_KID") is not null)
        {
            settings.Refuse("CONTROL_PANEL_SIGNER_KID is not read: the key id that signs snapshots is SIGNING_PROXY_KEY_ID (remote signer) or SIGNER_ID (local key), and AUDIT_SIGNER_KID the one that signs audit events; set those instead.");
        }
    }

    /// <summary>
    /// <c>PROM_PUSH_GATEWAY</c>: the Prometheus Pushgateway the batch commands (<c>export</c>,
    /// <c>export-snapshots</c>) push their outcome to; the service itself is scraped, so it only checks the URL.
    /// </summary>
    public static Uri? PushGateway(SettingsReader settings) => settings.AbsoluteUrl("PROM_PUSH_GATEWAY", "http", "https");
}
