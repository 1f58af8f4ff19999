using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Registry;

public sealed partial class SignerRegistry
{
    private const string Ed25519KeyOid = "1.3.101.112";
    private const string RsaKeyOid = "1.2.840.113549.1.1.1";

    /// <summary>
    /// The RFC 7638 JWK thumbprint of a key (base64url SHA-256 of its canonical JWK): the signer id of a key read from
    /// a PEM bundle, which names no ids. A Kernel that sets <c>kid</c> to this thumbprint is matched directly.
    /// </summary>
    /// <param name="subjectPublicKeyInfo">The key as SubjectPublicKeyInfo DER (Ed25519 or RSA).</param>
    /// <returns>The thumbprint, 43 base64url characters.</returns>
    /// <exception cref="FormatException">Not an Ed25519 or RSA public key.</exception>
    public static string JwkThumbprint(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var (_, jwk) = ReadSpki(subjectPublicKeyInfo);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(jwk)));
    }

    /// <summary>A registry JSON starts with <c>{</c>; anything else holding a PEM boundary (comments may precede it) is a bundle.</summary>
    private static bool LooksLikePemBundle(ReadOnlySpan<byte> utf8) =>
        !utf8.TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8).StartsWith("{"u8) && utf8.IndexOf("-----BEGIN "u8) >= 0;

    /// <summary>
    /// A bundle of PEM public keys, the Go service's key file: <c>PUBLIC KEY</c> blocks (Ed25519 or RSA SPKI) and
    /// <c>RSA PUBLIC KEY</c> blocks (PKCS#1), each signer named by its JWK thumbprint. Text between blocks is ignored,
    /// as PEM readers do; any other block label, or a block that is not such a key, is an error naming the block.
    /// </summary>
    private static SignerRegistry ParsePemBundle(ReadOnlySpan<byte> utf8, string? filePath)
    {
        string where = filePath ?? "signer registry";
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new SignerRegistryException($"{where}: the PEM bundle is not valid UTF-8.", filePath, null, e);
        }

        var signers = new List<RegisteredSigner>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        int offset = 0;
        int index = 0;
        while (PemEncoding.TryFind(text.AsSpan(offset), out var fields))
        {
            string name = $"PEM block {index++}";
            string label = text.AsSpan(offset)[fields.Label].ToString();
            byte[] der = Convert.FromBase64String(text.AsSpan(offset)[fields.Base64Data].ToString());
            offset += fields.Location.End.Value;
            AddUnique(signers, seen, ReadPemKey(label, der, where, filePath, name), where, filePath, name);
        }

        // A truncated or damaged block would otherwise be skipped as text between blocks, dropping a key unnoticed.
        if (text.AsSpan(offset).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            throw Error(where, filePath, $"PEM block {index}", "is not well-formed (no matching -----END line, or a body that is not base64)");
        }

        if (signers.Count == 0)
        {
            throw new SignerRegistryException($"{where}: the PEM bundle holds no well-formed -----BEGIN/-----END block.", filePath);
        }

        return new SignerRegistry(signers);
    }

    private static RegisteredSigner ReadPemKey(string label, byte[] der, string where, string? filePath, string name)
    {
        try
        {
            switch (label)
            {
                case "PUBLIC KEY":
                    break;
                case "RSA PUBLIC KEY":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportRSAPublicKey(der, out _);
                        der = rsa.ExportSubjectPublicKeyInfo();
                    }

                    break;
                default:
                    throw new FormatException($"the block is '{label}'; a key file holds only PUBLIC KEY or RSA PUBLIC KEY blocks");
            }

            var (algorithm, _) = ReadSpki(der);
            string id = JwkThumbprint(der);
            return algorithm == SignerAlgorithm.Ed25519
                ? RegisteredSigner.ForEd25519(id, Ed25519PublicKey.FromSubjectPublicKeyInfo(der))
                : RegisteredSigner.ForRsaSha256(id, Convert.ToBase64String(der));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException)
        {
            throw Error(where, filePath, name, e.Message.TrimEnd('.'), e);
        }
    }

    /// <summary>The algorithm of an SPKI and its RFC 7638 canonical JWK (members in lexicographic order, no whitespace).</summary>
    private static (SignerAlgorithm Algorithm, string Jwk) ReadSpki(ReadOnlySpan<byte> spki)
    {
        PublicKey key;
        try
        {
            key = PublicKey.CreateFromSubjectPublicKeyInfo(spki, out int read);
            if (read != spki.Length)
            {
                throw new FormatException("trailing bytes after the SubjectPublicKeyInfo DER");
            }
        }
        catch (CryptographicException e)
        {
            throw new FormatException("not a SubjectPublicKeyInfo: " + e.Message, e);
        }

        switch (key.Oid.Value)
        {
            case Ed25519KeyOid:
                byte[] raw = Ed25519PublicKey.FromSubjectPublicKeyInfo(spki).RawBytes.ToArray();
                return (SignerAlgorithm.Ed25519, $$"""{"crv":"Ed25519","kty":"OKP","x":"{{Base64Url.EncodeToString(raw)}}"}""");
            case RsaKeyOid:
                using (var rsa = RSA.Create())
                {
                    rsa.ImportSubjectPublicKeyInfo(spki, out _);
                    var parameters = rsa.ExportParameters(includePrivateParameters: false);
                    return (SignerAlgorithm.RsaSha256, $$"""{"e":"{{Base64Url.EncodeToString(parameters.Exponent)}}","kty":"RSA","n":"{{Base64Url.EncodeToString(parameters.Modulus)}}"}""");
                }

            default:
                throw new FormatException($"the key's algorithm {key.Oid.Value} is neither Ed25519 nor RSA");
        }
    }
}
