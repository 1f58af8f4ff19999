using ReasoningGraph.Policy;

namespace ReasoningGraph.Host.Policy;

/// <summary>Registers the SentinelNet client as Core's pre-write policy when <c>SENTINELNET_URL</c> is set.</summary>
internal static class SentinelNetConfiguration
{
    public const string HttpClientName = "sentinelnet";

    /// <summary>Registers the policy; returns the URL it calls, or null when writes are allowed by Core's default.</summary>
    public static Uri? Add(WebApplicationBuilder builder)
    {
        if (SentinelNetSettings.Read(builder.Configuration) is not { } settings)
        {
            return null;
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient(HttpClientName, client =>
        {
            client.BaseAddress = settings.Url;
            // The resilience pipeline owns the time budget; the client's own limit only backs it up.
            client.Timeout = settings.Timeout + TimeSpan.FromSeconds(1);
        });
        builder.Services.AddReasoningGraph().UseWritePolicy<SentinelNetWritePolicy>();
        return settings.Url;
    }
}
