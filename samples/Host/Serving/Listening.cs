using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Security;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Where and how Kestrel listens. Without ASPNETCORE_URLS/--urls: 127.0.0.1 on PORT, HTTPS when the TLS certificate is
/// configured (unless DEV_SKIP_MTLS). Client certificates are requested but checked by <see cref="CallerMiddleware"/>,
/// so a refused certificate gets a clear error envelope instead of a TLS alert.
/// </summary>
internal static class Listening
{
    public static void Configure(IWebHostBuilder host, ListenOptions listen, SecurityOptions security, TlsMaterial tls)
    {
        if (!listen.UrlsConfigured)
        {
            host.UseUrls(string.Create(CultureInfo.InvariantCulture, $"{(security.Https ? "https" : "http")}://127.0.0.1:{listen.Port}"));
        }

        host.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = listen.MaxRequestBodyBytes;
            if (security.Https)
            {
                kestrel.ConfigureHttpsDefaults(options =>
                {
                    // Chosen per handshake, so a rotated certificate is served without a restart.
                    options.ServerCertificateSelector = (_, _) => tls.ServerCertificate;
                    options.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    options.AllowAnyClientCertificate();
                });
            }
        });
    }
}
