namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Structured logs: LOG_FORMAT=json writes one JSON object per line (scopes included: trace and span ids), the default is
/// the readable console format. ASP.NET Core's per-request chatter is kept at Warning unless Logging:LogLevel says otherwise.
/// </summary>
internal static class Logs
{
    public static void Configure(WebApplicationBuilder builder)
    {
        if (string.Equals(ConfigurationFlags.Text(builder.Configuration, "LOG_FORMAT"), "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);
        }

        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
    }
}
