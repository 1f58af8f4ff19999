using System.Security.Cryptography.X509Certificates;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// How the service proves itself and how callers authenticate (the README's TLS_*, KERNEL_*, REQUIRE_MTLS, DEV_SKIP_MTLS,
/// ALLOW_DEV_PRINCIPAL and ALLOW_ANONYMOUS_READS). The files named are read once, here at start-up, so one that cannot be used is a listed
/// problem rather than a crash, and the service uses exactly what was checked.
/// </summary>
internal sealed record SecurityOptions
{
    /// <summary>The development principal's header (honoured only with <see cref="AllowDevPrincipal"/>, in Development, from loopback).</summary>
    public const string DevPrincipalHeader = "X-Local-Dev-Principal";

    /// <summary><c>TLS_CERT_FILE</c>: PEM server certificate; with <see cref="TlsKeyFile"/>, the service listens on HTTPS.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary><c>TLS_KEY_FILE</c>: PEM private key of the server certificate.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary><c>KERNEL_CA_CERT</c>: PEM file of the CA(s) a client certificate must chain to.</summary>
    public string? KernelCaCert { get; init; }

    /// <summary><c>KERNEL_TRUSTED_CN</c>: client certificate subject CNs allowed to write. Default: none.</summary>
    public IReadOnlySet<string> KernelTrustedCns { get; init; } = new HashSet<string>();

    /// <summary><c>KERNEL_SIGNER_KEYS_FILE</c>: signer registry file with the keys of Kernel-signed JWTs.</summary>
    public string? KernelSignerKeysFile { get; init; }

    /// <summary><c>REQUIRE_MTLS</c>: HTTPS with client-certificate verification must be configured. Default: false.</summary>
    public bool RequireMtls { get; init; }

    /// <summary><c>DEV_SKIP_MTLS</c>: a development bypass (plain HTTP even when certificates are set). Default: false.</summary>
    public bool DevSkipMtls { get; init; }

    /// <summary><c>ALLOW_DEV_PRINCIPAL</c>: honour <see cref="DevPrincipalHeader"/> from loopback (Development only). Default: false.</summary>
    public bool AllowDevPrincipal { get; init; }

    /// <summary>
    /// <c>ALLOW_ANONYMOUS_READS</c>: serve the read endpoints without credentials, PII redacted (drop-in migrations from
    /// the Go service). Default: false.
    /// </summary>
    public bool AllowAnonymousReads { get; init; }

    /// <summary><c>TLS_RELOAD_SECONDS</c>: how often the TLS files are checked for changes and re-read. Default: 30.</summary>
    public TimeSpan TlsReloadInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The server certificate with its key, loaded from <see cref="TlsCertFile"/> and <see cref="TlsKeyFile"/>.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>The CA certificates loaded from <see cref="KernelCaCert"/>.</summary>
    public X509Certificate2Collection? KernelCaRoots { get; init; }

    /// <summary>The Kernel's JWT keys loaded from <see cref="KernelSignerKeysFile"/>.</summary>
    public SignerRegistry? KernelSigners { get; init; }

    /// <summary>True when the service listens on HTTPS.</summary>
    public bool Https => ServerCertificate is not null && !DevSkipMtls;

    public static SecurityOptions Read(SettingsReader settings, IHostEnvironment environment)
    {
        var options = new SecurityOptions
        {
            TlsCertFile = settings.Text("TLS_CERT_FILE"),
            TlsKeyFile = settings.Text("TLS_KEY_FILE"),
            KernelCaCert = settings.Text("KERNEL_CA_CERT"),
            KernelTrustedCns = settings.List("KERNEL_TRUSTED_CN").ToHashSet(StringComparer.Ordinal),
            KernelSignerKeysFile = settings.Text("KERNEL_SIGNER_KEYS_FILE"),
            RequireMtls = settings.Flag("REQUIRE_MTLS"),
            DevSkipMtls = settings.Flag("DEV_SKIP_MTLS"),
            AllowDevPrincipal = settings.Flag("ALLOW_DEV_PRINCIPAL"),
            AllowAnonymousReads = settings.Flag("ALLOW_ANONYMOUS_READS"),
            TlsReloadInterval = TimeSpan.FromSeconds(settings.Integer("TLS_RELOAD_SECONDS", 30, min: 1, max: 86400)),
        };
        SecurityRules.Check(options, environment, settings);
        return SecurityFiles.Load(options, settings);
    }
}
