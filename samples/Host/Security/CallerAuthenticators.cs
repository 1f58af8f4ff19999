using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Security;

/// <summary>The configured ways to authenticate; null members are not configured.</summary>
internal sealed class CallerAuthenticators(ClientCertificateAuthenticator? certificates, KernelJwtValidator? jwt, bool allowDevPrincipal, bool allowAnonymousReads)
{
    public ClientCertificateAuthenticator? Certificates => certificates;

    public KernelJwtValidator? Jwt => jwt;

    /// <summary>True only in Development with ALLOW_DEV_PRINCIPAL set (start-up is refused with it anywhere else).</summary>
    public bool AllowDevPrincipal => allowDevPrincipal;

    /// <summary><c>ALLOW_ANONYMOUS_READS</c>: a request without any credential reads as <see cref="AnonymousReads.Caller"/>.</summary>
    public bool AllowAnonymousReads => allowAnonymousReads;

    public static CallerAuthenticators Create(SecurityOptions options, TlsMaterial tls, bool isDevelopment, TimeProvider time) => new(
        options.KernelCaRoots is not null ? new ClientCertificateAuthenticator(() => tls.CaRoots!, options.KernelTrustedCns, time) : null,
        options.KernelSigners is { } keys ? new KernelJwtValidator(keys, time) : null,
        options.AllowDevPrincipal && isDevelopment,
        options.AllowAnonymousReads);
}
