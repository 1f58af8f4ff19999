using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// Reads the files the security settings name: the TLS certificate with its key, the client CA certificates and the
/// Kernel's JWT keys. A file that exists but cannot be used is a listed problem (a missing one is already listed by
/// <see cref="SecurityRules"/>).
/// </summary>
internal static class SecurityFiles
{
    public static SecurityOptions Load(SecurityOptions options, SettingsReader settings) => options with
    {
        ServerCertificate = Existing(options.TlsCertFile) is { } cert && Existing(options.TlsKeyFile) is { } key ? ServerCertificate(cert, key, settings) : null,
        KernelCaRoots = Existing(options.KernelCaCert) is { } ca ? CaRoots(ca, settings) : null,
        KernelSigners = Existing(options.KernelSignerKeysFile) is { } keys ? Signers(keys, settings) : null,
    };

    private static string? Existing(string? path) => path is not null && File.Exists(path) ? path : null;

    private static X509Certificate2? ServerCertificate(string certificateFile, string keyFile, SettingsReader settings)
    {
        var (certificate, problem) = TryLoadServerCertificate(certificateFile, keyFile);
        if (problem is not null)
        {
            settings.Refuse(problem);
        }

        return certificate;
    }

    private static X509Certificate2Collection? CaRoots(string path, SettingsReader settings)
    {
        var (roots, problem) = TryLoadCaRoots(path);
        if (problem is not null)
        {
            settings.Refuse(problem);
        }

        return roots;
    }

    /// <summary>The server certificate with its key, or why not (at start-up a refusal, on a reload a warning).</summary>
    public static (X509Certificate2? Certificate, string? Problem) TryLoadServerCertificate(string certificateFile, string keyFile)
    {
        try
        {
            return (X509Certificate2.CreateFromPemFile(certificateFile, keyFile), null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"TLS_CERT_FILE '{certificateFile}' and TLS_KEY_FILE '{keyFile}' do not load as a PEM certificate with its private key: {e.Message}");
        }
    }

    /// <summary>The client CA certificates, or why not.</summary>
    public static (X509Certificate2Collection? Roots, string? Problem) TryLoadCaRoots(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return (null, $"KERNEL_CA_CERT '{path}' cannot be read as PEM certificates: {e.Message}");
        }

        return roots.Count == 0 ? (null, $"KERNEL_CA_CERT '{path}' holds no PEM certificate.") : (roots, null);
    }

    private static SignerRegistry? Signers(string path, SettingsReader settings)
    {
        try
        {
            return SignerRegistry.Load(path);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            settings.Refuse($"KERNEL_SIGNER_KEYS_FILE is not a usable signer registry: {e.Message}");
            return null;
        }
    }
}
