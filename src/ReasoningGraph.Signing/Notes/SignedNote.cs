using System.Buffers.Binary;
using System.Text;
using NSec.Cryptography;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Notes;

/// <summary>
/// C2SP <c>signed-note</c> with Ed25519, as Go's <c>golang.org/x/mod/sumdb/note</c> writes and opens it: the text
/// (ending in a newline), a blank line, then one line per signature, <c>— &lt;name&gt; &lt;base64(key ID ‖
/// signature)&gt;</c>, the signature being Ed25519 over the text's bytes (the message itself, not a digest).
/// </summary>
public static class SignedNote
{
    private const string SignaturePrefix = "\u2014 ";

    /// <summary>Signs <paramref name="text"/> with <paramref name="key"/>, named <paramref name="name"/>.</summary>
    /// <param name="text">The note text: UTF-8, ending in a newline, no blank line at its end.</param>
    /// <param name="name">The key name.</param>
    /// <param name="key">The private key.</param>
    /// <returns>The signed note.</returns>
    public static string Sign(string text, string name, Ed25519PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(key);
        if (!text.EndsWith('\n') || text.EndsWith("\n\n", StringComparison.Ordinal))
        {
            throw new ArgumentException("A note's text ends in exactly one newline.", nameof(text));
        }

        var noteKey = new NoteKey(name, key.PublicKey);
        byte[] line = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(line, noteKey.KeyId);
        key.Sign(Encoding.UTF8.GetBytes(text)).CopyTo(line, 4);
        return $"{text}\n{SignaturePrefix}{name} {Convert.ToBase64String(line)}\n";
    }

    /// <summary>
    /// Signs <paramref name="text"/> with a local signer's key, named by its <see cref="LocalEd25519Signer.SignerId"/>:
    /// the service signs its checkpoints with the key that signs its audit events. Only a local key can: a signing proxy
    /// signs 32-byte digests, and a note's signature is over the text itself.
    /// </summary>
    /// <param name="text">The note text: UTF-8, ending in a newline, no blank line at its end.</param>
    /// <param name="signer">The local signer.</param>
    /// <returns>The signed note.</returns>
    /// <exception cref="ArgumentException">The text is not a note's, or the signer id cannot name a note key.</exception>
    public static string Sign(string text, LocalEd25519Signer signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return Sign(text, signer.SignerId, signer.Key);
    }

    /// <summary>
    /// Opens a signed note: the text, if a signature line by <paramref name="verifier"/> (same name and key ID)
    /// verifies over it; else null. Lines by other keys are ignored, as the format requires.
    /// </summary>
    /// <param name="note">The signed note.</param>
    /// <param name="verifier">The key to trust.</param>
    /// <returns>The verified text, or null.</returns>
    public static string? Open(string note, NoteKey verifier)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(verifier);
        int split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            return null;
        }

        string text = note[..(split + 1)];
        byte[] message = Encoding.UTF8.GetBytes(text);
        var publicKey = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, verifier.PublicKey.RawBytes.Span, KeyBlobFormat.RawPublicKey);
        Span<byte> signature = stackalloc byte[68]; // key ID ‖ Ed25519 signature
        foreach (string line in note[(split + 2)..^1].Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal) || line[SignaturePrefix.Length..].Split(' ') is not [var name, var encoded] || name != verifier.Name)
            {
                continue;
            }

            if (Convert.TryFromBase64String(encoded, signature, out int written) && written == 68
                && BinaryPrimitives.ReadUInt32BigEndian(signature) == verifier.KeyId
                && SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature[4..]))
            {
                return text;
            }
        }

        return null;
    }
}
