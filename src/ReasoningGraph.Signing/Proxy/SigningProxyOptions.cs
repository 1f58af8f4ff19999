using System.Security.Cryptography.X509Certificates;

namespace ReasoningGraph.Signing.Proxy;

/// <summary>
/// Settings of the signing-proxy (KMS) client, INTEROP.md §5. Validated at start-up; one error lists every
/// problem. Environment variables are the host's names for these settings.
/// </summary>
public sealed class SigningProxyOptions
{
    /// <summary>The proxy's base URL (<c>SIGNING_PROXY_URL</c>); requests go to <c>{Url}/sign</c> and <c>{Url}/verify</c>. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>The key to sign with, sent as <c>key_id</c> (<c>SIGNING_PROXY_KEY_ID</c>). Default: none, the proxy's default key.</summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// The signer id the proxy must answer with (<c>signer_id</c>); it is written as the snapshot's
    /// <c>signer_kid</c>. Default: <see cref="KeyId"/>. One of the two is required.
    /// </summary>
    public string? SignerId { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c> (<c>SIGNING_PROXY_API_KEY</c>). Default: none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The mTLS client certificate, with its private key. Default: none (or the one read from <see cref="ClientCertificatePath"/>).</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// A client certificate file (<c>SIGNING_PROXY_CLIENT_CERT</c>): PEM (key in the same file or in
    /// <see cref="ClientCertificateKeyPath"/>) or PKCS#12 without password. Default: none.
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="ClientCertificatePath"/> when it is a separate file (<c>SIGNING_PROXY_CLIENT_KEY</c>). Default: none.</summary>
    public string? ClientCertificateKeyPath { get; set; }

    /// <summary>
    /// Certificate authorities trusted for the proxy's server certificate instead of the system store (a private
    /// PKI). Default: empty, the system store.
    /// </summary>
    public X509Certificate2Collection TrustedRootCertificates { get; } = [];

    /// <summary>A PEM file of CA certificates added to <see cref="TrustedRootCertificates"/> (<c>SIGNING_PROXY_CA_CERT</c>). Default: none.</summary>
    public string? TrustedRootCertificatesPath { get; set; }

    /// <summary>How long one attempt (connect, send, read the whole answer) may take. Default: 5 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a timeout, a transport error or a 5xx/408/429 answer (0–10). Default: 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The base of the exponential, jittered back-off between attempts. Default: 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest back-off between two attempts. Default: 5 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The signer id used when none is configured explicitly.</summary>
    internal string? EffectiveSignerId => string.IsNullOrWhiteSpace(SignerId) ? KeyId : SignerId;
}
