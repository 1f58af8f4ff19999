using System.Net;

namespace ReasoningGraph.LoadHarness;

/// <summary>The HTTP client of the generator: pooled sockets, enough connections that the pool is never the queue.</summary>
internal static class LoadClient
{
    public const string DevPrincipalHeader = "X-Local-Dev-Principal";

    /// <summary>A client for <paramref name="baseAddress"/> authenticating as the development principal (or a bearer token).</summary>
    public static HttpClient Create(Uri baseAddress, int connections, string? devPrincipal, string? bearer)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(devPrincipal))
        {
            client.DefaultRequestHeaders.Add(DevPrincipalHeader, devPrincipal);
        }

        if (!string.IsNullOrEmpty(bearer))
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Sends <paramref name="request"/>, reads the whole body, and returns null on the expected status or an error label.</summary>
    public static async Task<string?> SendAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
        {
            return response.StatusCode == expected ? null : "HTTP " + (int)response.StatusCode;
        }
    }
}
