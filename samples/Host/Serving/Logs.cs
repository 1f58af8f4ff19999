using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Structured logs: LOG_FORMAT=json writes one JSON object per line (scopes included: trace and span ids), the default is
/// the readable console format. ASP.NET Core's per-request chatter is kept at Warning, and its health-check runner's line
/// per failing check per probe is left out (<see cref="ReadyLog"/> logs each outage once), unless Logging:LogLevel says
/// otherwise.
/// </summary>
internal static class Logs
{
    /// <summary>ASP.NET Core's health-check runner, which logs every failing check on every probe.</summary>
    public const string HealthChecksCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    public static void Configure(ILoggingBuilder logging, ObservabilityOptions options)
    {
        if (options.JsonLogs)
        {
            logging.ClearProviders();
            logging.AddJsonConsole(console => console.IncludeScopes = true);
        }

        if (!options.AspNetCoreLogLevelConfigured)
        {
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        if (!options.HealthChecksLogLevelConfigured)
        {
            // One line per failing check per probe, with its exception: ReadyLog says it once per outage instead.
            logging.AddFilter(HealthChecksCategory, LogLevel.Critical);
        }
    }
}
