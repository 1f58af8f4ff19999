using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReasoningGraph.Signing.Proxy;

/// <summary>Builds the HTTP handler of a signing proxy client: mTLS client certificate and private trust roots.</summary>
internal static class ProxyTransport
{
    public static SocketsHttpHandler CreateHandler(SigningProxyOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Long-lived client: recycle connections so DNS changes of the proxy are picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.AttemptTimeout,
            AllowAutoRedirect = false,
        };

        var clientCertificate = LoadClientCertificate(options);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            // Always present the configured certificate, whatever issuers the server lists.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        var roots = LoadTrustedRoots(options);
        if (roots.Count > 0)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                // A private CA for an internal proxy usually publishes no revocation lists.
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            handler.SslOptions.CertificateChainPolicy = policy;
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        return handler;
    }

    /// <summary>The configured client certificate, loading it from files when given as paths.</summary>
    /// <exception cref="CryptographicException">A file cannot be read as a certificate with its key.</exception>
    public static X509Certificate2? LoadClientCertificate(SigningProxyOptions options)
    {
        if (options.ClientCertificate is not null || options.ClientCertificatePath is null)
        {
            return options.ClientCertificate;
        }

        if (options.ClientCertificateKeyPath is not null)
        {
            return X509Certificate2.CreateFromPemFile(options.ClientCertificatePath, options.ClientCertificateKeyPath);
        }

        string head = File.ReadAllText(options.ClientCertificatePath);
        return head.Contains("-----BEGIN", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPemFile(options.ClientCertificatePath)
            : X509CertificateLoader.LoadPkcs12FromFile(options.ClientCertificatePath, password: null);
    }

    /// <exception cref="CryptographicException">The file holds no readable PEM certificate.</exception>
    public static X509Certificate2Collection LoadTrustedRoots(SigningProxyOptions options)
    {
        var roots = new X509Certificate2Collection(options.TrustedRootCertificates);
        if (options.TrustedRootCertificatesPath is not null)
        {
            int before = roots.Count;
            roots.ImportFromPemFile(options.TrustedRootCertificatesPath);
            if (roots.Count == before)
            {
                throw new CryptographicException($"'{options.TrustedRootCertificatesPath}' holds no PEM certificate.");
            }
        }

        return roots;
    }
}
