using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Structured logs: LOG_FORMAT=json writes one JSON object per line (scopes included: trace and span ids), the default is
/// the readable console format. ASP.NET Core's per-request chatter is kept at Warning unless Logging:LogLevel says otherwise.
/// </summary>
internal static class Logs
{
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
    }
}
