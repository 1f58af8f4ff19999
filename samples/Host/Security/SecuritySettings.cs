using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Security;

/// <summary>The authentication settings, read once from configuration (environment variables; see the README table).</summary>
internal sealed class SecuritySettings
{
    /// <summary>PEM server certificate; with <see cref="TlsKeyFile"/>, the service listens on HTTPS.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary>PEM private key of the server certificate.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>PEM file of the CA(s) a client certificate must chain to.</summary>
    public string? KernelCaCert { get; init; }

    /// <summary>Client certificate subject CNs allowed to write.</summary>
    public IReadOnlySet<string> KernelTrustedCns { get; init; } = new HashSet<string>();

    /// <summary>Signer registry file with the keys of Kernel-signed JWTs.</summary>
    public string? KernelSignerKeysFile { get; init; }

    /// <summary>REQUIRE_MTLS: HTTPS with client-certificate verification must be configured.</summary>
    public bool RequireMtls { get; init; }

    /// <summary>DEV_SKIP_MTLS: a development bypass (plain HTTP even when certificates are expected).</summary>
    public bool DevSkipMtls { get; init; }

    /// <summary>ALLOW_DEV_PRINCIPAL: honour <c>X-Local-Dev-Principal</c> from loopback (Development only).</summary>
    public bool AllowDevPrincipal { get; init; }

    public bool TlsConfigured => TlsCertFile is not null && TlsKeyFile is not null;

    public bool ClientCertificatesConfigured => KernelCaCert is not null && KernelTrustedCns.Count > 0;

    public static SecuritySettings Read(IConfiguration configuration) => new()
    {
        TlsCertFile = ConfigurationFlags.Text(configuration, "TLS_CERT_FILE"),
        TlsKeyFile = ConfigurationFlags.Text(configuration, "TLS_KEY_FILE"),
        KernelCaCert = ConfigurationFlags.Text(configuration, "KERNEL_CA_CERT"),
        KernelTrustedCns = (configuration["KERNEL_TRUSTED_CN"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal),
        KernelSignerKeysFile = ConfigurationFlags.Text(configuration, "KERNEL_SIGNER_KEYS_FILE"),
        RequireMtls = ConfigurationFlags.Read(configuration, "REQUIRE_MTLS"),
        DevSkipMtls = ConfigurationFlags.Read(configuration, "DEV_SKIP_MTLS"),
        AllowDevPrincipal = ConfigurationFlags.Read(configuration, "ALLOW_DEV_PRINCIPAL"),
    };
}
