using System.Security.Cryptography;
using NSec.Cryptography;

namespace ReasoningGraph.Signing.Keys;

/// <summary>
/// An Ed25519 private key held by libsodium (NSec). Reads every form the Kernel's tools use (INTEROP.md §2):
/// PKCS#8 PEM (a <c>PRIVATE KEY</c> block), base64 of the 32-byte seed, and base64 of Go's 64-byte
/// seed ‖ public key. Not exportable unless created so; dispose it to wipe the key. Signing is thread-safe.
/// </summary>
public sealed class Ed25519PrivateKey : IDisposable
{
    private const string AcceptedForms = "expected a PKCS#8 PEM 'PRIVATE KEY' block, base64 of the 32-byte seed, or base64 of Go's 64-byte seed and public key";

    private readonly Key _key;

    private Ed25519PrivateKey(Key key)
    {
        _key = key;
        PublicKey = Ed25519PublicKey.FromRawBytes(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The matching public key.</summary>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>Creates a new random key.</summary>
    /// <param name="allowExport">Whether the private key may be exported (for key generation tools); default false.</param>
    /// <returns>The key.</returns>
    public static Ed25519PrivateKey Generate(bool allowExport = false) =>
        new(Key.Create(SignatureAlgorithm.Ed25519, Parameters(allowExport)));

    /// <summary>A key from its 32-byte seed.</summary>
    /// <param name="seed">The seed (RFC 8032's private key).</param>
    /// <param name="allowExport">Whether the private key may be exported; default false.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static Ed25519PrivateKey FromSeed(ReadOnlySpan<byte> seed, bool allowExport = false)
    {
        if (seed.Length != KeyEncoding.KeyLength)
        {
            throw new ArgumentException($"An Ed25519 seed has 32 bytes, not {seed.Length}.", nameof(seed));
        }

        return new(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Parameters(allowExport)));
    }

    /// <summary>Reads a private key in any accepted form.</summary>
    /// <param name="text">PKCS#8 PEM, base64 32-byte seed, or base64 64-byte Go private key.</param>
    /// <param name="allowExport">Whether the private key may be exported; default false.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The text is none of the accepted forms; the message says why (never quoting the key).</exception>
    public static Ed25519PrivateKey Parse(string text, bool allowExport = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] seed = ReadSeed(text);
        try
        {
            return FromSeed(seed, allowExport);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Reads a private key file in any accepted form.</summary>
    /// <param name="path">The file.</param>
    /// <param name="allowExport">Whether the private key may be exported; default false.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The file holds no accepted form; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Ed25519PrivateKey ReadFile(string path, bool allowExport = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text = File.ReadAllText(path);
        try
        {
            return Parse(text, allowExport);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Signs a message.</summary>
    /// <param name="message">The message (for Reasoning Graph, the 32-byte digest).</param>
    /// <returns>The 64-byte signature.</returns>
    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    /// <summary>The private key as PKCS#8 PEM with a trailing newline.</summary>
    /// <returns>The PEM text.</returns>
    /// <exception cref="InvalidOperationException">The key was not created exportable.</exception>
    public string ExportPkcs8Pem() => WithSeed(seed => KeyEncoding.WritePem(KeyEncoding.PrivateKeyLabel, [.. KeyEncoding.Pkcs8Prefix, .. seed]));

    /// <summary>Base64 of the 32-byte seed.</summary>
    /// <returns>The base64 text.</returns>
    /// <exception cref="InvalidOperationException">The key was not created exportable.</exception>
    public string ExportBase64Seed() => WithSeed(seed => Convert.ToBase64String(seed));

    /// <summary>Base64 of Go's 64-byte private key form (seed ‖ public key).</summary>
    /// <returns>The base64 text.</returns>
    /// <exception cref="InvalidOperationException">The key was not created exportable.</exception>
    public string ExportBase64GoPrivateKey() => WithSeed(seed => Convert.ToBase64String([.. seed, .. PublicKey.RawBytes.Span]));

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();

    private string WithSeed(Func<byte[], string> encode)
    {
        if ((_key.ExportPolicy & KeyExportPolicies.AllowPlaintextExport) == 0)
        {
            throw new InvalidOperationException("This private key was not created exportable.");
        }

        byte[] seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return encode(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static KeyCreationParameters Parameters(bool allowExport) => new()
    {
        ExportPolicy = allowExport ? KeyExportPolicies.AllowPlaintextExport : KeyExportPolicies.None,
    };

    private static byte[] ReadSeed(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("Not an Ed25519 private key: the text is empty.");
        }

        if (KeyEncoding.LooksLikePem(text))
        {
            return ReadPemSeed(text);
        }

        byte[]? bytes = KeyEncoding.TryDecodeBase64(text) ?? throw new FormatException($"Not an Ed25519 private key: neither PEM nor standard base64; {AcceptedForms}.");
        switch (bytes.Length)
        {
            case KeyEncoding.KeyLength:
                return bytes;
            case KeyEncoding.GoPrivateKeyLength:
                return SplitGoPrivateKey(bytes);
            default:
                bool isPublic = KeyEncoding.TryReadEd25519Spki(bytes) is not null;
                CryptographicOperations.ZeroMemory(bytes);
                throw new FormatException(isPublic
                    ? "Not an Ed25519 private key: this is a public key (base64 SPKI)."
                    : $"Not an Ed25519 private key: base64 of {bytes.Length} bytes; {AcceptedForms}.");
        }
    }

    private static byte[] ReadPemSeed(string text)
    {
        if (!KeyEncoding.TryReadPem(text, out string label, out byte[] der, out string? error))
        {
            throw new FormatException($"Not an Ed25519 private key: {error}.");
        }

        try
        {
            if (label != KeyEncoding.PrivateKeyLabel)
            {
                throw new FormatException(label == KeyEncoding.PublicKeyLabel
                    ? "Not an Ed25519 private key: the PEM block is a public key."
                    : $"Not an Ed25519 private key: the PEM block is '{label}'; {AcceptedForms} (encrypted and OpenSSH keys are not read).");
            }

            byte[] seed = KeyEncoding.TryReadEd25519Pkcs8(der, out byte[]? embeddedPublicKey, out error)
                ?? throw new FormatException($"Not an Ed25519 private key: {error}.");
            if (embeddedPublicKey is not null)
            {
                CheckPublicHalf(seed, embeddedPublicKey, "the PKCS#8 key's embedded public key");
            }

            return seed;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static byte[] SplitGoPrivateKey(byte[] bytes)
    {
        byte[] seed = bytes[..KeyEncoding.KeyLength];
        byte[] publicHalf = bytes[KeyEncoding.KeyLength..];
        CryptographicOperations.ZeroMemory(bytes);
        CheckPublicHalf(seed, publicHalf, "the second half of the 64-byte Go private key");
        return seed;
    }

    private static void CheckPublicHalf(byte[] seed, byte[] expectedPublicKey, string what)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        if (!key.PublicKey.Export(KeyBlobFormat.RawPublicKey).AsSpan().SequenceEqual(expectedPublicKey))
        {
            CryptographicOperations.ZeroMemory(seed);
            throw new FormatException($"Not a consistent Ed25519 private key: {what} does not match the seed.");
        }
    }
}
