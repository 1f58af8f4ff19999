using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>What the service tells the operator at start-up (stderr): where it listens, its store and signer, and how to try it.</summary>
internal static class StartupBanner
{
    public static void Write(TextWriter output, string url, HostFacts facts, bool devPrincipal)
    {
        output.WriteLine($"reasoning-graph: listening on {url}");
        output.WriteLine($"  store:  {facts.Store}");
        output.WriteLine($"  signer: {facts.Signer ?? "none configured (snapshots cannot be signed)"}");
        if (facts.Signer?.StartsWith("GENERATED", StringComparison.Ordinal) == true)
        {
            output.WriteLine("""

                ************************************************************************************
                * WARNING: signing with a key generated at start-up. Signatures made by this process *
                * cannot be verified after it exits. Set SIGNING_KEY_PATH or SIGNING_PROXY_URL.    *
                ************************************************************************************

                """);
        }

        if (!devPrincipal)
        {
            return;
        }

        output.WriteLine($"""
            Development principal enabled for loopback ({SecurityOptions.DevPrincipalHeader}). Try:
              curl -s -X POST {url}/reason/node -H '{SecurityOptions.DevPrincipalHeader}: me' -H 'Content-Type: application/json' \
                -d '{"{"}"type":"observation","author":"me","payload":{"{"}"text":"hello"{"}"}{"}"}'
              curl -s {url}/reason/traces/<nodeId> -H '{SecurityOptions.DevPrincipalHeader}: me'
            OpenAPI: {url}/openapi/v1.json
            """);
    }
}

/// <summary>Facts about the running configuration, shown by <c>/health</c> and the banner.</summary>
internal sealed record HostFacts(string Store, string? Signer, bool Mtls, bool KernelConfigured);
