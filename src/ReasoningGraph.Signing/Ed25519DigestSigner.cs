using NSec.Cryptography;

namespace ReasoningGraph.Signing;

/// <summary>
/// A local Ed25519 key that signs 32-byte digests (INTEROP §2: the digest is the message). The private key is
/// held by NSec in memory that is not exportable; dispose the signer to release it.
/// </summary>
public sealed class Ed25519DigestSigner : IDigestSigner, IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private Ed25519DigestSigner(Key key, string signerId)
    {
        _key = key;
        SignerId = signerId;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <inheritdoc/>
    public string SignerId { get; }

    /// <summary>The raw 32-byte public key.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>Creates a signer from a 32-byte Ed25519 seed (the RFC 8032 private key).</summary>
    /// <param name="seed">The 32-byte seed.</param>
    /// <param name="signerId">The id verifiers look the public key up by.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentException">The seed is not 32 bytes or the id is empty.</exception>
    public static Ed25519DigestSigner FromSeed(ReadOnlySpan<byte> seed, string signerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(signerId);
        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new Ed25519DigestSigner(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey), signerId);
    }

    /// <summary>Creates a signer with a new random key (tests, development).</summary>
    /// <param name="signerId">The id verifiers look the public key up by.</param>
    /// <returns>The signer.</returns>
    public static Ed25519DigestSigner Generate(string signerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(signerId);
        return new Ed25519DigestSigner(Key.Create(Algorithm), signerId);
    }

    /// <inheritdoc/>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        if (digest.Length != 32)
        {
            throw new ArgumentException("The digest to sign is a 32-byte SHA-256.", nameof(digest));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Algorithm.Sign(_key, digest.Span));
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
