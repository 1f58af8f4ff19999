using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using ReasoningGraph.Host.Security;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Where and how Kestrel listens. Without ASPNETCORE_URLS/--urls: 127.0.0.1 on PORT (default 8047), HTTPS when
/// TLS_CERT_FILE/TLS_KEY_FILE are set (unless DEV_SKIP_MTLS). Client certificates are requested but checked by
/// <see cref="CallerMiddleware"/>, so a refused certificate gets a clear error envelope instead of a TLS alert.
/// </summary>
internal static class Listening
{
    public const int DefaultPort = 8047;

    /// <summary>Default body limit: large enough for a batch of a few hundred nodes at the library's payload limit.</summary>
    public const long DefaultMaxRequestBodyBytes = 8 * 1024 * 1024;

    public static void Configure(WebApplicationBuilder builder, SecuritySettings settings)
    {
        bool https = settings.TlsConfigured && !settings.DevSkipMtls;
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            string port = ConfigurationFlags.Text(builder.Configuration, "PORT") ?? DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.WebHost.UseUrls($"{(https ? "https" : "http")}://127.0.0.1:{port}");
        }

        long maxBody = builder.Configuration.GetValue("MAX_REQUEST_BODY_BYTES", DefaultMaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBody;
            if (https)
            {
                var certificate = X509Certificate2.CreateFromPemFile(settings.TlsCertFile!, settings.TlsKeyFile);
                kestrel.ConfigureHttpsDefaults(options =>
                {
                    options.ServerCertificate = certificate;
                    options.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    options.AllowAnyClientCertificate();
                });
            }
        });
    }
}
