using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Notes;

/// <summary>
/// An Ed25519 key as C2SP <c>signed-note</c> names it (Go's <c>golang.org/x/mod/sumdb/note</c>): a name, a 32-bit key
/// ID = the first 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), and the verifier key string
/// <c>&lt;name&gt;+&lt;8 hex digits of the key ID&gt;+&lt;base64(0x01 ‖ public key)&gt;</c> that verifiers are given.
/// </summary>
public sealed class NoteKey
{
    private const byte Ed25519Algorithm = 0x01;

    /// <summary>Names the key.</summary>
    /// <param name="name">The key name (the signer id): not empty, no whitespace and no '+'.</param>
    /// <param name="publicKey">The Ed25519 public key.</param>
    /// <exception cref="ArgumentException">A name the format does not allow.</exception>
    public NoteKey(string name, Ed25519PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' cannot name a note key: it must be non-empty, with no whitespace and no '+'.", nameof(name));
        }

        Name = name;
        PublicKey = publicKey;
        byte[] input = [.. Encoding.UTF8.GetBytes(name), (byte)'\n', Ed25519Algorithm, .. publicKey.RawBytes.Span];
        KeyId = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The public key.</summary>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>The 32-bit key ID.</summary>
    public uint KeyId { get; }

    /// <summary>The verifier key string: <c>name+hexid+base64(0x01 ‖ key)</c>.</summary>
    public string VerifierKey => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Algorithm, .. PublicKey.RawBytes.Span])}";

    /// <summary>Reads a verifier key string, checking that its key ID matches its name and key.</summary>
    /// <param name="verifierKey">The string.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">Malformed, not Ed25519, or the key ID does not match.</exception>
    public static NoteKey ParseVerifierKey(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        string[] parts = verifierKey.Split('+', 3); // the base64 key may itself hold '+'
        if (parts.Length != 3 || !IsValidName(parts[0]) || parts[1].Length != 8 || !uint.TryParse(parts[1], System.Globalization.NumberStyles.HexNumber, null, out uint id))
        {
            throw new FormatException("A verifier key is name+hexid+base64key.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("The verifier key's key is not base64.");
        }

        if (key.Length != 33 || key[0] != Ed25519Algorithm)
        {
            throw new FormatException("The verifier key is not an Ed25519 key (algorithm 0x01, 32 bytes).");
        }

        var parsed = new NoteKey(parts[0], Ed25519PublicKey.FromRawBytes(key.AsSpan(1)));
        return parsed.KeyId == id ? parsed : throw new FormatException("The verifier key's ID does not match its name and key.");
    }

    private static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && !name.Contains('+', StringComparison.Ordinal) && !name.Any(char.IsWhiteSpace);
}
