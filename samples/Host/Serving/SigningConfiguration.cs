using Microsoft.Extensions.DependencyInjection.Extensions;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The service's signer and trusted registries, from the environment (the Go service's names where it had them):
/// <c>SIGNING_PROXY_URL</c>, <c>SIGNING_PROXY_API_KEY</c>, <c>SIGNING_PROXY_KEY_ID</c>, <c>SIGNING_PROXY_CLIENT_CERT</c>,
/// <c>SIGNING_PROXY_CLIENT_KEY</c>, <c>SIGNING_PROXY_CA_CERT</c>, <c>SIGNING_KEY_PATH</c>, <c>SIGNER_ID</c>,
/// <c>SIGNER_REGISTRY_PATH</c> (several separated by commas) and <c>REQUIRE_KMS</c>.
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

        string? signerId = NullIfBlank(configuration["SIGNER_ID"]);
        if (NullIfBlank(configuration["SIGNING_PROXY_URL"]) is { } proxyUrl)
        {
            // A proxy wins over a local key: there is never a local fallback for a configured remote signer.
            signing.UseSigningProxy(options =>
            {
                options.Url = new Uri(proxyUrl, UriKind.RelativeOrAbsolute);
                options.ApiKey = NullIfBlank(configuration["SIGNING_PROXY_API_KEY"]);
                options.KeyId = NullIfBlank(configuration["SIGNING_PROXY_KEY_ID"]);
                options.SignerId = signerId;
                options.ClientCertificatePath = NullIfBlank(configuration["SIGNING_PROXY_CLIENT_CERT"]);
                options.ClientCertificateKeyPath = NullIfBlank(configuration["SIGNING_PROXY_CLIENT_KEY"]);
                options.TrustedRootCertificatesPath = NullIfBlank(configuration["SIGNING_PROXY_CA_CERT"]);
            });
            description = "signing proxy " + proxyUrl;
        }
        else if (NullIfBlank(configuration["SIGNING_KEY_PATH"]) is { } keyPath)
        {
            signing.UseEd25519Signer(keyPath, signerId);
            description = "local key " + keyPath;
        }
        else if (environment.IsDevelopment() && !requireKms)
        {
            // The embedded default: a throwaway key so that signing works out of the box. Never outside Development.
            var key = Ed25519PrivateKey.Generate();
            string id = "dev-" + key.PublicKey.KeyId;
            signing.UseEd25519Signer(key, id);
            description = "GENERATED DEVELOPMENT KEY " + id;
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

        return description;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
