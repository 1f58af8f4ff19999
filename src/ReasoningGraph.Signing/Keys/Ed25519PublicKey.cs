using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NSec.Cryptography;
using PublicKey = NSec.Cryptography.PublicKey;

namespace ReasoningGraph.Signing.Keys;

/// <summary>
/// An Ed25519 public key. Reads every form the Kernel's tools use (INTEROP.md §2): base64 of the SPKI DER,
/// base64 of the raw 32 bytes, and PEM (<c>-----BEGIN PUBLIC KEY-----</c>). Immutable and thread-safe.
/// </summary>
public sealed class Ed25519PublicKey : IEquatable<Ed25519PublicKey>
{
    private readonly byte[] _raw;
    private readonly PublicKey _key;

    private Ed25519PublicKey(byte[] raw)
    {
        _raw = raw;
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The 32 raw key bytes.</summary>
    public ReadOnlyMemory<byte> RawBytes => _raw;

    /// <summary>
    /// A stable id derived from the key, used when no signer id is chosen: <c>ed25519-</c> and the first 16 hex
    /// digits of the SHA-256 of the SPKI DER.
    /// </summary>
    public string KeyId => "ed25519-" + Convert.ToHexStringLower(SHA256.HashData(ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>Reads a public key in any accepted form.</summary>
    /// <param name="text">Base64 SPKI, base64 raw 32 bytes, or PEM; surrounding whitespace is ignored.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The text is none of the accepted forms; the message says why.</exception>
    public static Ed25519PublicKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var key, out string? error) ? key : throw new FormatException(error);
    }

    /// <summary>Reads a public key in any accepted form.</summary>
    /// <param name="text">Base64 SPKI, base64 raw 32 bytes, or PEM.</param>
    /// <param name="key">The key, when the text is one.</param>
    /// <returns>True when <paramref name="text"/> is an Ed25519 public key.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Ed25519PublicKey? key) =>
        TryParse(text, out key, out _);

    /// <summary>A key from its 32 raw bytes.</summary>
    /// <param name="rawKey">The key bytes.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static Ed25519PublicKey FromRawBytes(ReadOnlySpan<byte> rawKey)
    {
        if (rawKey.Length != KeyEncoding.KeyLength)
        {
            throw new ArgumentException($"An Ed25519 public key has 32 bytes, not {rawKey.Length}.", nameof(rawKey));
        }

        return new Ed25519PublicKey(rawKey.ToArray());
    }

    /// <summary>A key from its SubjectPublicKeyInfo DER.</summary>
    /// <param name="der">The DER bytes.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">Not an Ed25519 SubjectPublicKeyInfo.</exception>
    public static Ed25519PublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der) =>
        KeyEncoding.TryReadEd25519Spki(der) is { } raw
            ? new Ed25519PublicKey(raw)
            : throw new FormatException("The DER is not an Ed25519 SubjectPublicKeyInfo (OID 1.3.101.112).");

    /// <summary>The SubjectPublicKeyInfo DER (<c>302a300506032b6570032100</c> and the key).</summary>
    /// <returns>44 bytes.</returns>
    public byte[] ExportSubjectPublicKeyInfo() => KeyEncoding.WriteEd25519Spki(_raw);

    /// <summary>Base64 of the SubjectPublicKeyInfo DER: the form the Kernel's registries use.</summary>
    /// <returns>The base64 text.</returns>
    public string ToBase64Spki() => Convert.ToBase64String(ExportSubjectPublicKeyInfo());

    /// <summary>Base64 of the raw 32 bytes.</summary>
    /// <returns>The base64 text.</returns>
    public string ToBase64Raw() => Convert.ToBase64String(_raw);

    /// <summary>PEM (<c>-----BEGIN PUBLIC KEY-----</c>) with a trailing newline.</summary>
    /// <returns>The PEM text.</returns>
    public string ToPem() => KeyEncoding.WritePem(KeyEncoding.PublicKeyLabel, ExportSubjectPublicKeyInfo());

    /// <summary>Verifies an Ed25519 signature.</summary>
    /// <param name="message">The signed message (for Reasoning Graph, the 32-byte digest).</param>
    /// <param name="signature">The 64-byte signature.</param>
    /// <returns>True when the signature is valid; false otherwise, including for a wrong length.</returns>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize && SignatureAlgorithm.Ed25519.Verify(_key, message, signature);

    /// <inheritdoc/>
    public bool Equals(Ed25519PublicKey? other) => other is not null && _raw.AsSpan().SequenceEqual(other._raw);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Ed25519PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_raw, 0);

    /// <summary>The base64 SPKI form.</summary>
    /// <returns>The base64 text.</returns>
    public override string ToString() => ToBase64Spki();

    private static bool TryParse(string? text, [NotNullWhen(true)] out Ed25519PublicKey? key, out string? error)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The public key is empty.";
            return false;
        }

        if (KeyEncoding.LooksLikePem(text))
        {
            if (!KeyEncoding.TryReadPem(text, out string label, out byte[] der, out string? pemError))
            {
                error = $"Not an Ed25519 public key: {pemError}.";
                return false;
            }

            if (label != KeyEncoding.PublicKeyLabel)
            {
                error = $"Not an Ed25519 public key: the PEM block is '{label}', expected '{KeyEncoding.PublicKeyLabel}'.";
                return false;
            }

            return FromDer(der, out key, out error);
        }

        byte[]? bytes = KeyEncoding.TryDecodeBase64(text);
        if (bytes is null)
        {
            error = "Not an Ed25519 public key: neither PEM nor standard base64.";
            return false;
        }

        if (bytes.Length == KeyEncoding.KeyLength)
        {
            key = new Ed25519PublicKey(bytes);
            error = null;
            return true;
        }

        return FromDer(bytes, out key, out error);
    }

    private static bool FromDer(byte[] der, [NotNullWhen(true)] out Ed25519PublicKey? key, out string? error)
    {
        if (KeyEncoding.TryReadEd25519Spki(der) is { } raw)
        {
            key = new Ed25519PublicKey(raw);
            error = null;
            return true;
        }

        key = null;
        error = $"Not an Ed25519 public key: {der.Length} bytes that are neither the raw 32-byte key nor an Ed25519 SubjectPublicKeyInfo.";
        return false;
    }
}
