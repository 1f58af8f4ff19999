using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Policy;

namespace ReasoningGraph.Host.Policy;

/// <summary>Registers the SentinelNet client as Core's pre-write policy when <c>SENTINELNET_URL</c> is set.</summary>
internal static class SentinelNetConfiguration
{
    public const string HttpClientName = "sentinelnet";

    public static void Add(IServiceCollection services, SentinelNetOptions options)
    {
        if (options.Url is not { } url)
        {
            return;
        }

        services.AddSingleton(options);
        services.AddHttpContextAccessor();
        services.AddHttpClient(HttpClientName, client =>
        {
            client.BaseAddress = url;
            // The resilience pipeline owns the time budget; the client's own limit only backs it up.
            client.Timeout = options.Timeout + TimeSpan.FromSeconds(1);
        });
        services.AddReasoningGraph().UseWritePolicy<SentinelNetWritePolicy>();
    }
}
