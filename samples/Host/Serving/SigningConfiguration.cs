using Microsoft.Extensions.DependencyInjection.Extensions;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The service's signer and trusted registries (<see cref="SigningSettings"/>). <c>AUDIT_SIGNER_KID</c> names the key
/// that signs audit events (the store's chain) when it is not the snapshot signer's: with a signing proxy the proxy is
/// asked for that key (<c>key_id</c>), with a local key the same key signs under that id.
/// </summary>
internal static class SigningConfiguration
{
    /// <summary>The signer registry a generated development key writes into the data directory.</summary>
    public const string DevelopmentRegistryFile = "dev-signers.json";

    /// <summary>
    /// Registers the signer; returns a description of it, or null when none is configured. A key generated for
    /// Development writes its public half as a signer registry, <see cref="DevelopmentRegistryFile"/> in
    /// <paramref name="dataDirectory"/>, so what it signs can be verified offline while it runs (and after).
    /// </summary>
    public static string? AddSigning(IServiceCollection services, SigningSettings settings, bool isDevelopment, string? dataDirectory = null)
    {
        var signing = services.AddReasoningGraphSigning();
        signing.RequireKms(settings.RequireKms);
        string? description = null;
        Func<string, Func<IServiceProvider, IDigestSigner>>? audit = null;

        if (settings.ProxyUrl is { } proxyUrl)
        {
            // A proxy wins over a local key: there is never a local fallback for a configured remote signer.
            void Configure(SigningProxyOptions options)
            {
                options.Url = proxyUrl;
                options.ApiKey = settings.ProxyApiKey;
                options.KeyId = settings.ProxyKeyId;
                options.SignerId = settings.SignerId;
                options.ClientCertificatePath = settings.ProxyClientCertificate;
                options.ClientCertificateKeyPath = settings.ProxyClientKey;
                options.TrustedRootCertificatesPath = settings.ProxyCaCertificate;
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
        else if (settings.KeyPath is { } keyPath)
        {
            signing.UseEd25519Signer(keyPath, settings.SignerId);
            description = "local key " + keyPath;
            audit = kid => _ => new LocalEd25519Signer(Ed25519PrivateKey.ReadFile(keyPath), kid);
        }
        else if (isDevelopment && !settings.RequireKms)
        {
            // The embedded default: a throwaway key so that signing works out of the box. Never outside Development.
            var key = Ed25519PrivateKey.Generate();
            string id = "dev-" + key.PublicKey.KeyId;
            signing.UseEd25519Signer(key, id);
            description = "GENERATED DEVELOPMENT KEY " + id;
            if (dataDirectory is not null)
            {
                string registry = Path.Combine(dataDirectory, DevelopmentRegistryFile);
                Directory.CreateDirectory(dataDirectory);
                File.WriteAllBytes(registry, new SignerRegistry([RegisteredSigner.ForEd25519(id, key.PublicKey)]).ToJson());
                description += " (its signers.json: " + registry + ")";
            }
            audit = kid => _ => new LocalEd25519Signer(key, kid, ownsKey: false);
        }

        foreach (string path in settings.RegistryPaths)
        {
            signing.AddSignerRegistry(path);
        }

        if (description is null)
        {
            // No signer: resolving one must give null (stores then write unsigned audit events), not throw.
            services.RemoveAll<IDigestSigner>();
        }

        // Without a signer AUDIT_SIGNER_KID has already been refused (SigningSettings).
        if (settings.AuditSignerKid is { } auditKid && audit is not null)
        {
            var create = audit(auditKid);
            services.AddSingleton(provider => new AuditSigner(create(provider)));
            description += ", audit events as " + auditKid;
        }

        return description;
    }
}

/// <summary>The signer of audit events when <c>AUDIT_SIGNER_KID</c> sets one apart from the snapshot signer; disposed with the container.</summary>
internal sealed record AuditSigner(IDigestSigner Signer) : IDisposable
{
    /// <summary>What signs audit events: <c>AUDIT_SIGNER_KID</c>'s signer when one is configured, else the signer; null without either.</summary>
    public static IDigestSigner? Of(IServiceProvider provider) => provider.GetService<AuditSigner>()?.Signer ?? provider.GetService<IDigestSigner>();

    public void Dispose() => (Signer as IDisposable)?.Dispose();
}
