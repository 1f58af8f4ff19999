using System.Security.Cryptography.X509Certificates;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// A client certificate is accepted when it chains to the configured CA (and only to it: the system store is not
/// consulted), names the clientAuth extended key usage explicitly and is not itself a CA certificate. Its subject CN in the Kernel allow-list may write; any other CN from that CA may read.
/// </summary>
internal sealed class ClientCertificateAuthenticator(Func<X509Certificate2Collection> trustedRoots, IReadOnlySet<string> kernelCns, TimeProvider time)
{
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>The CA certificates in force now (re-read when KERNEL_CA_CERT changes).</summary>
    public X509Certificate2Collection TrustedRoots => trustedRoots();

    public (Caller? Caller, string? Rejection) Authenticate(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedRoots());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuth));
        if (!chain.Build(certificate))
        {
            string status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()));
            return (null, $"the client certificate does not chain to the configured CA: {status}");
        }

        // A chain policy treats a certificate without any EKU as good for every purpose (RFC 5280), and a CA
        // certificate chains to itself; neither is a client certificate issued for this.
        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            return (null, "a CA certificate is not accepted as a client certificate");
        }

        if (!certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == ClientAuth)))
        {
            return (null, "the client certificate does not carry the clientAuth extended key usage");
        }

        string cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return kernelCns.Contains(cn)
            ? (new Caller(cn, "mtls", Capabilities.Kernel), null)
            : (new Caller(cn, "mtls", Capabilities.CertifiedReader), null);
    }
}
