using NSec.Cryptography;

namespace ReasoningGraph.Signing;

/// <summary>Verifies Ed25519 signatures over digests with raw public keys looked up by signer id.</summary>
public sealed class Ed25519DigestVerifier : IDigestVerifier
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Dictionary<string, PublicKey> _keys;

    /// <summary>Creates a verifier for the given signers.</summary>
    /// <param name="publicKeys">Signer id → raw 32-byte Ed25519 public key.</param>
    /// <exception cref="ArgumentException">A key is not a valid raw Ed25519 public key.</exception>
    public Ed25519DigestVerifier(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        _keys = new Dictionary<string, PublicKey>(StringComparer.Ordinal);
        foreach (var (signerId, raw) in publicKeys)
        {
            if (!PublicKey.TryImport(Algorithm, raw.Span, KeyBlobFormat.RawPublicKey, out var key) || key is null)
            {
                throw new ArgumentException($"The key of signer '{signerId}' is not a raw 32-byte Ed25519 public key.", nameof(publicKeys));
            }

            _keys[signerId] = key;
        }
    }

    /// <summary>A verifier for the public key of <paramref name="signer"/>.</summary>
    /// <param name="signer">A local signer.</param>
    /// <returns>The verifier.</returns>
    public static Ed25519DigestVerifier For(Ed25519DigestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new([new(signer.SignerId, signer.PublicKey)]);
    }

    /// <inheritdoc/>
    public bool IsKnownSigner(string signerId) => signerId is not null && _keys.ContainsKey(signerId);

    /// <inheritdoc/>
    public bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) =>
        signerId is not null && _keys.TryGetValue(signerId, out var key) && Algorithm.Verify(key, digest, signature);
}
