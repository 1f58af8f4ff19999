namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// The signer and the trusted registries (the Go service's names where it had them). A signing proxy wins over a
/// local key; in Development, without either and without <c>REQUIRE_KMS</c>, a key is generated at start-up. The
/// signing package validates the rest (REQUIRE_KMS, the key file, the registries, the proxy) at start-up.
/// </summary>
internal sealed record SigningSettings
{
    /// <summary><c>SIGNING_PROXY_URL</c>: the remote signer (INTEROP §5).</summary>
    public Uri? ProxyUrl { get; init; }

    /// <summary><c>SIGNING_PROXY_API_KEY</c>: the proxy's bearer token.</summary>
    public string? ProxyApiKey { get; init; }

    /// <summary><c>SIGNING_PROXY_KEY_ID</c>: the key the proxy signs with.</summary>
    public string? ProxyKeyId { get; init; }

    /// <summary><c>SIGNING_PROXY_CLIENT_CERT</c>: PEM client certificate presented to the proxy.</summary>
    public string? ProxyClientCertificate { get; init; }

    /// <summary><c>SIGNING_PROXY_CLIENT_KEY</c>: its private key.</summary>
    public string? ProxyClientKey { get; init; }

    /// <summary><c>SIGNING_PROXY_CA_CERT</c>: PEM roots the proxy's certificate must chain to.</summary>
    public string? ProxyCaCertificate { get; init; }

    /// <summary><c>SIGNING_KEY_PATH</c>: a local Ed25519 key (PKCS#8 PEM, base64 seed or Go's 64-byte form).</summary>
    public string? KeyPath { get; init; }

    /// <summary><c>SIGNER_ID</c>: the signer id written into signatures. Default: the key's own id.</summary>
    public string? SignerId { get; init; }

    /// <summary><c>SIGNER_REGISTRY_PATH</c>: comma-separated signer registries trusted for verification. Default: none.</summary>
    public IReadOnlyList<string> RegistryPaths { get; init; } = [];

    /// <summary><c>REQUIRE_KMS</c>: refuse to start without a remote signer. Default: false.</summary>
    public bool RequireKms { get; init; }

    /// <summary><c>AUDIT_SIGNER_KID</c>: the key id that signs audit events. Default: the signer's own.</summary>
    public string? AuditSignerKid { get; init; }

    /// <summary>True when a signer is configured, or generated (Development without REQUIRE_KMS).</summary>
    public bool HasSigner(bool isDevelopment) => ProxyUrl is not null || KeyPath is not null || (isDevelopment && !RequireKms);

    public static SigningSettings Read(SettingsReader settings, bool isDevelopment)
    {
        var options = new SigningSettings
        {
            ProxyUrl = ReadProxyUrl(settings),
            ProxyApiKey = settings.Text("SIGNING_PROXY_API_KEY"),
            ProxyKeyId = settings.Text("SIGNING_PROXY_KEY_ID"),
            ProxyClientCertificate = settings.Text("SIGNING_PROXY_CLIENT_CERT"),
            ProxyClientKey = settings.Text("SIGNING_PROXY_CLIENT_KEY"),
            ProxyCaCertificate = settings.Text("SIGNING_PROXY_CA_CERT"),
            KeyPath = settings.Text("SIGNING_KEY_PATH"),
            SignerId = settings.Text("SIGNER_ID"),
            RegistryPaths = settings.List("SIGNER_REGISTRY_PATH"),
            RequireKms = settings.Flag("REQUIRE_KMS"),
            AuditSignerKid = settings.Text("AUDIT_SIGNER_KID"),
        };
        if (options.AuditSignerKid is not null && !options.HasSigner(isDevelopment))
        {
            settings.Refuse("AUDIT_SIGNER_KID is set but no signer is configured (SIGNING_PROXY_URL or SIGNING_KEY_PATH).");
        }

        return options;
    }

    /// <summary>Any URL is taken here; the signing package refuses one that is not absolute http(s), naming the setting.</summary>
    private static Uri? ReadProxyUrl(SettingsReader settings)
    {
        if (settings.Text("SIGNING_PROXY_URL") is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var url))
        {
            return url;
        }

        settings.Refuse($"SIGNING_PROXY_URL is not a URL: '{text}'.");
        return null;
    }
}
