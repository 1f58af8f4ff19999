using Microsoft.Extensions.Options;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The service's signer and trusted registries, from the environment (the Go service's names where it had them):
/// <c>SIGNING_PROXY_URL</c>, <c>SIGNING_PROXY_API_KEY</c>, <c>SIGNING_PROXY_KEY_ID</c>, <c>SIGNING_PROXY_CLIENT_CERT</c>,
/// <c>SIGNING_PROXY_CLIENT_KEY</c>, <c>SIGNING_PROXY_CA_CERT</c>, <c>SIGNING_KEY_PATH</c>, <c>SIGNER_ID</c>,
/// <c>SIGNER_REGISTRY_PATH</c> (several separated by commas) and <c>REQUIRE_KMS</c>.
/// </summary>
internal static class SigningConfiguration
{
    public static void AddSigning(IServiceCollection services, IConfiguration configuration)
    {
        var signing = services.AddReasoningGraphSigning();
        signing.RequireKms(ReadRequireKms(configuration["REQUIRE_KMS"]));

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
        }
        else if (NullIfBlank(configuration["SIGNING_KEY_PATH"]) is { } keyPath)
        {
            signing.UseEd25519Signer(keyPath, signerId);
        }

        foreach (string path in (configuration["SIGNER_REGISTRY_PATH"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            signing.AddSignerRegistry(path);
        }
    }

    /// <summary>A value that is neither true nor false is refused: a typo must not silently turn fail-closed off.</summary>
    private static bool ReadRequireKms(string? value) => NullIfBlank(value)?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new OptionsValidationException("REQUIRE_KMS", typeof(SigningOptions), [$"REQUIRE_KMS must be true or false, not '{value}'."]),
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
