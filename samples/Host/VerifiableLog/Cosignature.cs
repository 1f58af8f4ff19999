using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// C2SP <c>tlog-cosignature</c> v1 with Ed25519: a witness's signature line on a checkpoint note. Key ID = the first 4
/// bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key); the line is <c>— &lt;name&gt; base64(key ID ‖ timestamp (u64,
/// big-endian) ‖ Ed25519 signature)</c>, the signature over <c>"cosignature/v1\ntime &lt;timestamp&gt;\n"</c> followed by
/// the checkpoint's note text (its signature lines excluded). The verifier key is
/// <c>&lt;name&gt;+&lt;hex key ID&gt;+&lt;base64(0x04 ‖ public key)&gt;</c>.
/// </summary>
internal static class Cosignature
{
    private const byte Algorithm = 0x04;
    private const string LinePrefix = "\u2014 ";

    public static uint KeyId(string name, Ed25519PublicKey key) =>
        BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. Encoding.UTF8.GetBytes(name), (byte)'\n', Algorithm, .. key.RawBytes.Span]));

    public static string VerifierKey(string name, Ed25519PublicKey key) =>
        $"{name}+{KeyId(name, key):x8}+{Convert.ToBase64String([Algorithm, .. key.RawBytes.Span])}";

    /// <summary>The message a v1 cosignature signs: the header, the time line, then the checkpoint's note text.</summary>
    public static byte[] Message(string checkpointText, long timestamp) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cosignature/v1\ntime {timestamp}\n{checkpointText}"));

    /// <summary><paramref name="note"/> (a signed checkpoint whose text is <paramref name="checkpointText"/>) with the witness's cosignature line added.</summary>
    public static string Cosign(string note, string checkpointText, string name, Ed25519PrivateKey key, long timestamp)
    {
        byte[] line = new byte[4 + 8 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(line, KeyId(name, key.PublicKey));
        BinaryPrimitives.WriteUInt64BigEndian(line.AsSpan(4), (ulong)timestamp);
        key.Sign(Message(checkpointText, timestamp)).CopyTo(line, 12);
        return $"{note}{LinePrefix}{name} {Convert.ToBase64String(line)}\n";
    }

    /// <summary>The timestamp of a cosignature line by <paramref name="name"/>/<paramref name="key"/> on the note that verifies; null when none does.</summary>
    public static long? Verify(string note, string name, Ed25519PublicKey key)
    {
        int split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return null;
        }

        string text = note[..(split + 1)];
        uint id = KeyId(name, key);
        foreach (string line in note[(split + 2)..].Split('\n'))
        {
            if (!line.StartsWith(LinePrefix, StringComparison.Ordinal) || line[LinePrefix.Length..].Split(' ') is not [var signer, var encoded] || signer != name)
            {
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                continue;
            }

            if (bytes.Length == 76 && BinaryPrimitives.ReadUInt32BigEndian(bytes) == id)
            {
                long timestamp = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(4));
                if (timestamp >= 0 && key.Verify(Message(text, timestamp), bytes.AsSpan(12)))
                {
                    return timestamp;
                }
            }
        }

        return null;
    }
}
