using System.Security.Cryptography;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Registry;

/// <summary>One entry of a signer registry: a signer id and the public key its signatures verify with.</summary>
public sealed class RegisteredSigner
{
    private const int MinimumRsaKeyBits = 2048;

    private readonly byte[] _subjectPublicKeyInfo;

    private RegisteredSigner(string signerId, SignerAlgorithm algorithm, byte[] subjectPublicKeyInfo, Ed25519PublicKey? ed25519Key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signerId);
        SignerId = signerId;
        Algorithm = algorithm;
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        Ed25519Key = ed25519Key;
    }

    /// <summary>The signer id.</summary>
    public string SignerId { get; }

    /// <summary>The signature algorithm.</summary>
    public SignerAlgorithm Algorithm { get; }

    /// <summary>The public key as SubjectPublicKeyInfo DER.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo => _subjectPublicKeyInfo;

    /// <summary>The Ed25519 public key, or null for an RSA signer.</summary>
    public Ed25519PublicKey? Ed25519Key { get; }

    /// <summary>An Ed25519 signer.</summary>
    /// <param name="signerId">The signer id.</param>
    /// <param name="publicKey">Its public key.</param>
    /// <returns>The entry.</returns>
    public static RegisteredSigner ForEd25519(string signerId, Ed25519PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return new(signerId, SignerAlgorithm.Ed25519, publicKey.ExportSubjectPublicKeyInfo(), publicKey);
    }

    /// <summary>An <c>rsa-sha256</c> signer from its public key text.</summary>
    /// <param name="signerId">The signer id.</param>
    /// <param name="publicKey">PEM (<c>PUBLIC KEY</c> or <c>RSA PUBLIC KEY</c>) or base64 of the SPKI or PKCS#1 DER.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="FormatException">Not an RSA public key of at least 2048 bits.</exception>
    public static RegisteredSigner ForRsaSha256(string signerId, string publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        using var rsa = RSA.Create();
        try
        {
            if (KeyEncoding.LooksLikePem(publicKey))
            {
                rsa.ImportFromPem(publicKey);
            }
            else
            {
                byte[] der = KeyEncoding.TryDecodeBase64(publicKey) ?? throw new FormatException("Not an RSA public key: neither PEM nor standard base64.");
                ImportDer(rsa, der);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new FormatException("Not an RSA public key: " + e.Message, e);
        }

        if (rsa.KeySize < MinimumRsaKeyBits)
        {
            throw new FormatException($"The RSA key has {rsa.KeySize} bits; at least {MinimumRsaKeyBits} are required.");
        }

        return new(signerId, SignerAlgorithm.RsaSha256, rsa.ExportSubjectPublicKeyInfo(), null);
    }

    /// <summary>Verifies a signature by this signer.</summary>
    /// <param name="digest">The 32-byte digest that was signed.</param>
    /// <param name="signature">The signature.</param>
    /// <returns>True when valid; false otherwise (never throws for a bad signature).</returns>
    public bool Verify(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (digest.Length != DigestGuard.DigestLength)
        {
            return false;
        }

        if (Ed25519Key is not null)
        {
            return Ed25519Key.Verify(digest, signature);
        }

        // A fresh RSA object per call: RSA instances make no thread-safety promise, and importing is cheap
        // next to the verification itself.
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        try
        {
            return rsa.VerifyData(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether both entries hold the same algorithm and key (signer ids aside).</summary>
    /// <param name="other">The other entry.</param>
    /// <returns>True when the keys are the same.</returns>
    public bool HasSameKey(RegisteredSigner other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Algorithm == other.Algorithm && _subjectPublicKeyInfo.AsSpan().SequenceEqual(other._subjectPublicKeyInfo);
    }

    private static void ImportDer(RSA rsa, byte[] der)
    {
        try
        {
            rsa.ImportSubjectPublicKeyInfo(der, out int read);
            if (read == der.Length)
            {
                return;
            }
        }
        catch (CryptographicException)
        {
        }

        rsa.ImportRSAPublicKey(der, out int pkcs1Read);
        if (pkcs1Read != der.Length)
        {
            throw new FormatException("Not an RSA public key: trailing bytes after the DER.");
        }
    }
}
