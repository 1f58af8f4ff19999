using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ReasoningGraph.Signing.Proxy;

/// <summary>Checks <see cref="SigningProxyOptions"/> and reports every problem at once.</summary>
internal sealed class SigningProxyOptionsValidator : IValidateOptions<SigningProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningProxyOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(SigningProxyOptions options)
    {
        if (options.Url is null)
        {
            yield return "SigningProxyOptions.Url (SIGNING_PROXY_URL) is required.";
        }
        else if (!options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https") || options.Url.Query.Length > 0 || options.Url.Fragment.Length > 0)
        {
            yield return $"SigningProxyOptions.Url (SIGNING_PROXY_URL) must be an absolute http or https URL without query or fragment, not '{options.Url}'.";
        }

        if (string.IsNullOrWhiteSpace(options.EffectiveSignerId))
        {
            yield return "SigningProxyOptions.SignerId or KeyId (SIGNING_PROXY_KEY_ID) is required: it is the signer id written into signed documents and expected back from the proxy.";
        }

        if (options.ApiKey is not null && (options.ApiKey.Length == 0 || options.ApiKey.Any(c => char.IsControl(c) || c == ' ')))
        {
            yield return "SigningProxyOptions.ApiKey (SIGNING_PROXY_API_KEY) must be a non-empty token without spaces or control characters.";
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"SigningProxyOptions.AttemptTimeout must be between 0 and 5 minutes, not {options.AttemptTimeout}.";
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            yield return $"SigningProxyOptions.MaxRetryAttempts must be between 0 and 10, not {options.MaxRetryAttempts}.";
        }

        if (options.RetryDelay < TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            yield return "SigningProxyOptions.RetryDelay must not be negative nor larger than MaxRetryDelay.";
        }

        if (options.ClientCertificate is not null && !options.ClientCertificate.HasPrivateKey)
        {
            yield return "SigningProxyOptions.ClientCertificate has no private key.";
        }

        if (options.ClientCertificate is not null && options.ClientCertificatePath is not null)
        {
            yield return "Set either SigningProxyOptions.ClientCertificate or ClientCertificatePath, not both.";
        }

        if (options.ClientCertificateKeyPath is not null && options.ClientCertificatePath is null)
        {
            yield return "SigningProxyOptions.ClientCertificateKeyPath (SIGNING_PROXY_CLIENT_KEY) needs ClientCertificatePath (SIGNING_PROXY_CLIENT_CERT).";
        }

        foreach (var (setting, path) in new[]
        {
            ("ClientCertificatePath (SIGNING_PROXY_CLIENT_CERT)", options.ClientCertificatePath),
            ("ClientCertificateKeyPath (SIGNING_PROXY_CLIENT_KEY)", options.ClientCertificateKeyPath),
            ("TrustedRootCertificatesPath (SIGNING_PROXY_CA_CERT)", options.TrustedRootCertificatesPath),
        })
        {
            if (path is not null && !File.Exists(path))
            {
                yield return $"SigningProxyOptions.{setting}: file '{path}' does not exist.";
            }
        }

        if (CertificateProblem(options) is { } problem)
        {
            yield return problem;
        }
    }

    private static string? CertificateProblem(SigningProxyOptions options)
    {
        bool filesExist = new[] { options.ClientCertificatePath, options.ClientCertificateKeyPath, options.TrustedRootCertificatesPath }
            .All(path => path is null || File.Exists(path));
        if (!filesExist)
        {
            return null;
        }

        try
        {
            using var certificate = options.ClientCertificatePath is null ? null : ProxyTransport.LoadClientCertificate(options);
            if (certificate is { HasPrivateKey: false })
            {
                return $"SigningProxyOptions.ClientCertificatePath: '{options.ClientCertificatePath}' holds no private key for the certificate.";
            }

            ProxyTransport.LoadTrustedRoots(options);
            return null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"SigningProxyOptions: the client certificate or trusted roots cannot be read: {e.Message}";
        }
    }
}
