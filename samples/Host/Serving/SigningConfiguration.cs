using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Proxy;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The service's signer and trusted registries, from the environment (the Go service's names where it had them):
/// <c>SIGNING_PROXY_URL</c>, <c>SIGNING_PROXY_API_KEY</c>, <c>SIGNING_PROXY_KEY_ID</c>, <c>SIGNING_PROXY_CLIENT_CERT</c>,
/// <c>SIGNING_PROXY_CLIENT_KEY</c>, <c>SIGNING_PROXY_CA_CERT</c>, <c>SIGNING_KEY_PATH</c>, <c>SIGNER_ID</c>,
/// <c>SIGNER_REGISTRY_PATH</c> (several separated by commas) and <c>REQUIRE_KMS</c>. <c>AUDIT_SIGNER_KID</c> names the
/// key that signs audit events (the store's chain) when it is not the snapshot signer's: with a signing proxy the
/// proxy is asked for that key (<c>key_id</c>), with a local key the same key signs under that id.
/// </summary>
internal static class SigningConfiguration
{
    /// <summary>Registers the signer; returns a description of it, or null when none is configured.</summary>
    public static string? AddSigning(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = services.AddReasoningGraphSigning();
        bool requireKms = ConfigurationFlags.Read(configuration, "REQUIRE_KMS");
        signing.RequireKms(requireKms);
        string? description = null;
        Func<string, Func<IServiceProvider, IDigestSigner>>? audit = null;

        string? signerId = NullIfBlank(configuration["SIGNER_ID"]);
        if (NullIfBlank(configuration["SIGNING_PROXY_URL"]) is { } proxyUrl)
        {
            // A proxy wins over a local key: there is never a local fallback for a configured remote signer.
            void Configure(SigningProxyOptions options)
            {
                options.Url = new Uri(proxyUrl, UriKind.RelativeOrAbsolute);
                options.ApiKey = NullIfBlank(configuration["SIGNING_PROXY_API_KEY"]);
                options.KeyId = NullIfBlank(configuration["SIGNING_PROXY_KEY_ID"]);
                options.SignerId = signerId;
                options.ClientCertificatePath = NullIfBlank(configuration["SIGNING_PROXY_CLIENT_CERT"]);
                options.ClientCertificateKeyPath = NullIfBlank(configuration["SIGNING_PROXY_CLIENT_KEY"]);
                options.TrustedRootCertificatesPath = NullIfBlank(configuration["SIGNING_PROXY_CA_CERT"]);
            }

            signing.UseSigningProxy(Configure);
            description = "signing proxy " + proxyUrl;
            audit = kid => provider =>
            {
                // The same proxy, asked for the audit key: key_id and signer id are both AUDIT_SIGNER_KID.
                var options = new SigningProxyOptions();
                Configure(options);
                options.KeyId = kid;
                options.SignerId = kid;
                // Answers are checked against the registries only when they know the key (as for the signer).
                var verifier = provider.GetService<IDigestVerifier>();
                return new SigningProxySigner(
                    options, verifier is not null && verifier.IsKnownSigner(kid) ? verifier : null,
                    provider.GetService<ILoggerFactory>()?.CreateLogger<SigningProxySigner>(), provider.GetService<TimeProvider>());
            };
        }
        else if (NullIfBlank(configuration["SIGNING_KEY_PATH"]) is { } keyPath)
        {
            signing.UseEd25519Signer(keyPath, signerId);
            description = "local key " + keyPath;
            audit = kid => _ => new LocalEd25519Signer(Ed25519PrivateKey.ReadFile(keyPath), kid);
        }
        else if (environment.IsDevelopment() && !requireKms)
        {
            // The embedded default: a throwaway key so that signing works out of the box. Never outside Development.
            var key = Ed25519PrivateKey.Generate();
            string id = "dev-" + key.PublicKey.KeyId;
            signing.UseEd25519Signer(key, id);
            description = "GENERATED DEVELOPMENT KEY " + id;
            audit = kid => _ => new LocalEd25519Signer(key, kid, ownsKey: false);
        }

        foreach (string path in (configuration["SIGNER_REGISTRY_PATH"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            signing.AddSignerRegistry(path);
        }

        if (description is null)
        {
            // No signer: resolving one must give null (stores then write unsigned audit events), not throw.
            services.RemoveAll<IDigestSigner>();
        }

        if (NullIfBlank(configuration["AUDIT_SIGNER_KID"]) is { } auditKid)
        {
            if (audit is null)
            {
                throw new OptionsValidationException("AUDIT_SIGNER_KID", typeof(string), ["AUDIT_SIGNER_KID is set but no signer is configured (SIGNING_PROXY_URL or SIGNING_KEY_PATH)."]);
            }

            var create = audit(auditKid);
            services.AddSingleton(provider => new AuditSigner(create(provider)));
            description += ", audit events as " + auditKid;
        }

        return description;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The signer of audit events when <c>AUDIT_SIGNER_KID</c> sets one apart from the snapshot signer; disposed with the container.</summary>
internal sealed record AuditSigner(IDigestSigner Signer) : IDisposable
{
    public void Dispose() => (Signer as IDisposable)?.Dispose();
}
