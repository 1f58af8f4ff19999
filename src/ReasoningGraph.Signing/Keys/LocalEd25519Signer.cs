using ReasoningGraph.Signing.Diagnostics;

namespace ReasoningGraph.Signing.Keys;

/// <summary>
/// Signs digests with a local Ed25519 key. For development and for deployments without a KMS; with
/// <c>RequireKms</c> the service refuses to start with one.
/// </summary>
public sealed class LocalEd25519Signer : IDigestSigner, IDisposable
{
    private readonly Ed25519PrivateKey _key;
    private readonly bool _ownsKey;

    /// <summary>Creates a signer over a key.</summary>
    /// <param name="key">The private key.</param>
    /// <param name="signerId">The id under which verifiers register <paramref name="key"/>'s public key.</param>
    /// <param name="ownsKey">Whether disposing the signer disposes the key; default true.</param>
    public LocalEd25519Signer(Ed25519PrivateKey key, string signerId, bool ownsKey = true)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(signerId);
        _key = key;
        _ownsKey = ownsKey;
        SignerId = signerId;
    }

    /// <inheritdoc/>
    public string SignerId { get; }

    /// <summary>The public key verifiers need.</summary>
    public Ed25519PublicKey PublicKey => _key.PublicKey;

    /// <summary>The key itself, for what signs messages rather than digests (<see cref="Notes.SignedNote"/>).</summary>
    internal Ed25519PrivateKey Key => _key;

    /// <summary>Creates a signer from a key file in any accepted private key form.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="signerId">The signer id.</param>
    /// <returns>The signer, owning the key.</returns>
    /// <exception cref="FormatException">The file holds no accepted key form.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LocalEd25519Signer FromFile(string path, string signerId) => new(Ed25519PrivateKey.ReadFile(path), signerId);

    /// <summary>Creates a signer from a 32-byte Ed25519 seed (the RFC 8032 private key).</summary>
    /// <param name="seed">The 32-byte seed; copied.</param>
    /// <param name="signerId">The signer id.</param>
    /// <returns>The signer, owning the key.</returns>
    /// <exception cref="ArgumentException">The seed is not 32 bytes or the id is empty.</exception>
    public static LocalEd25519Signer FromSeed(ReadOnlySpan<byte> seed, string signerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signerId);
        return new(Ed25519PrivateKey.FromSeed(seed), signerId);
    }

    /// <summary>Creates a signer with a new random key (tests, development).</summary>
    /// <param name="signerId">The signer id.</param>
    /// <returns>The signer, owning the key.</returns>
    public static LocalEd25519Signer Generate(string signerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signerId);
        return new(Ed25519PrivateKey.Generate(), signerId);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not 32 bytes.</exception>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        DigestGuard.ThrowIfNotDigest(digest.Span);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = SigningDiagnostics.StartSign("local", SignerId);
        return ValueTask.FromResult(_key.Sign(digest.Span));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsKey)
        {
            _key.Dispose();
        }
    }
}
