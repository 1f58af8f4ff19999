using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>A throwaway PKI made in the test: a CA, a server certificate for 127.0.0.1, client certificates, written as PEM files.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly List<X509Certificate2> _owned = [];

    public TestCertificates(DirectoryInfo directory)
    {
        Directory = directory;
        Ca = CreateCa("Test Kernel CA");
        OtherCa = CreateCa("Someone Else's CA");
        Server = Issue(Ca, "127.0.0.1", server: true);
        CaFile = WritePem("ca.pem", Ca.ExportCertificatePem());
        ServerCertFile = WritePem("server.pem", Server.ExportCertificatePem());
        ServerKeyFile = WritePem("server.key", Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Issues a new server certificate (a new key) and writes it over the server certificate and key files.</summary>
    public X509Certificate2 RotateServer()
    {
        var rotated = Issue(Ca, "127.0.0.1", server: true);
        WritePem("server.pem", rotated.ExportCertificatePem());
        WritePem("server.key", rotated.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return rotated;
    }

    /// <summary>Writes <paramref name="ca"/> over the client CA file.</summary>
    public void ReplaceClientCa(X509Certificate2 ca) => WritePem("ca.pem", ca.ExportCertificatePem());

    public DirectoryInfo Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 OtherCa { get; }

    public X509Certificate2 Server { get; }

    public string CaFile { get; }

    public string ServerCertFile { get; }

    public string ServerKeyFile { get; }

    /// <summary>
    /// Host settings for production behind mTLS with this PKI: the server certificate and key, the test CA as the Kernel
    /// CA, and <c>kernel</c> as the trusted client CN. A new dictionary, for the caller to add its own settings.
    /// </summary>
    public Dictionary<string, string> ProductionMtlsSettings() => new()
    {
        ["environment"] = "Production",
        ["STORE"] = "embedded",
        ["REQUIRE_MTLS"] = "true",
        ["TLS_CERT_FILE"] = ServerCertFile,
        ["TLS_KEY_FILE"] = ServerKeyFile,
        ["KERNEL_CA_CERT"] = CaFile,
        ["KERNEL_TRUSTED_CN"] = "kernel",
    };

    /// <summary>A client certificate with subject CN <paramref name="cn"/> issued by the test CA (or <paramref name="issuer"/>).</summary>
    public X509Certificate2 Client(string cn, X509Certificate2? issuer = null) => Issue(issuer ?? Ca, cn, server: false);

    /// <summary>A client certificate from the test CA with no extended key usage extension at all.</summary>
    public X509Certificate2 ClientWithoutEku(string cn) => Issue(Ca, cn, server: false, withEku: false);

    /// <summary>The test CA's own certificate with its key, presented as a client certificate.</summary>
    public X509Certificate2 CaAsClient() => Own(X509CertificateLoader.LoadPkcs12(Ca.Export(X509ContentType.Pkcs12), null));

    public void Dispose()
    {
        foreach (var certificate in _owned)
        {
            certificate.Dispose();
        }
    }

    private X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = TimeProvider.System.GetUtcNow();
        return Own(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1)));
    }

    private X509Certificate2 Issue(X509Certificate2 issuer, string cn, bool server, bool withEku = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (withEku)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        }

        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var now = TimeProvider.System.GetUtcNow();
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(issuer, now.AddHours(-1), now.AddDays(30), serial);
        var withKey = issued.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so SslStream can use the key on every platform.
        return Own(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }

    private X509Certificate2 Own(X509Certificate2 certificate)
    {
        _owned.Add(certificate);
        return certificate;
    }

    private string WritePem(string name, string pem)
    {
        string path = Path.Combine(Directory.FullName, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
