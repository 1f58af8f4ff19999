using System.Security.Cryptography.X509Certificates;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// The runbooks' <c>KERNEL_API_URL</c> with <c>KERNEL_CLIENT_CERT</c>/<c>KERNEL_CLIENT_KEY</c> (PEM) or
/// <c>KERNEL_API_TOKEN</c>: the Kernel's base URL, probed (<c>GET {url}/health</c>) for <c>/ready</c>'s
/// <c>kernel</c> component and the <c>reasoning_graph_host_kernel_up</c> gauge. Reported, never deciding readiness:
/// when the Kernel is unreachable the runbook turns the service read-only; it does not take it out of service.
/// </summary>
internal sealed record KernelProbeOptions
{
    public required Uri Url { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    public string? Token { get; init; }

    /// <summary>The probe; null when <c>KERNEL_API_URL</c> is unset. Every problem is left in <paramref name="settings"/>.</summary>
    public static KernelProbeOptions? Read(SettingsReader settings)
    {
        var url = settings.AbsoluteUrl("KERNEL_API_URL", "http", "https");
        string? certificate = settings.Text("KERNEL_CLIENT_CERT"), key = settings.Text("KERNEL_CLIENT_KEY"), token = settings.Text("KERNEL_API_TOKEN");
        if (settings.Text("KERNEL_API_URL") is null)
        {
            if (certificate is not null || key is not null || token is not null)
            {
                settings.Refuse("KERNEL_CLIENT_CERT, KERNEL_CLIENT_KEY and KERNEL_API_TOKEN are the Kernel probe's credentials: set KERNEL_API_URL too, or remove them.");
            }

            return null;
        }

        if ((certificate is null) != (key is null))
        {
            settings.Refuse("KERNEL_CLIENT_CERT and KERNEL_CLIENT_KEY go together (a PEM certificate and its key).");
            return null;
        }

        X509Certificate2? client = null;
        if (certificate is not null)
        {
            try
            {
                client = X509Certificate2.CreateFromPemFile(certificate, key);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                settings.Refuse($"KERNEL_CLIENT_CERT/KERNEL_CLIENT_KEY cannot be loaded ({certificate}, {key}): {e.Message}");
            }
        }

        return url is null ? null : new KernelProbeOptions { Url = url, ClientCertificate = client, Token = token };
    }
}
