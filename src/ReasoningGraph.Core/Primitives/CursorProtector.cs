using System.Buffers.Text;
using System.Security.Cryptography;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Primitives;

/// <summary>
/// Makes cursors opaque and tamper-evident: <c>base64url(version ‖ payload ‖ HMAC-SHA256(key, version ‖ payload))</c>.
/// A cursor that was modified, truncated or made with another key fails with <c>INVALID_CURSOR</c>.
/// </summary>
internal sealed class CursorProtector
{
    private const byte Version = 1;
    private const int MacLength = 32;
    private readonly byte[] _key;

    public CursorProtector(ReadOnlyMemory<byte> key) =>
        _key = key.IsEmpty ? RandomNumberGenerator.GetBytes(32) : key.ToArray();

    public string Protect(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[1 + payload.Length + MacLength];
        buffer[0] = Version;
        payload.CopyTo(buffer.AsSpan(1));
        HMACSHA256.HashData(_key, buffer.AsSpan(0, 1 + payload.Length), buffer.AsSpan(1 + payload.Length));
        return Base64Url.EncodeToString(buffer);
    }

    /// <summary>The payload of an authentic cursor.</summary>
    /// <exception cref="ReasoningGraphException"><c>INVALID_CURSOR</c>.</exception>
    public byte[] Unprotect(string cursor)
    {
        byte[] buffer;
        try
        {
            buffer = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            throw GraphErrors.InvalidCursor("malformed");
        }

        if (buffer.Length <= 1 + MacLength || buffer[0] != Version)
        {
            throw GraphErrors.InvalidCursor(buffer.Length > 0 && buffer[0] != Version ? "unknown-version" : "truncated");
        }

        Span<byte> expected = stackalloc byte[MacLength];
        int body = buffer.Length - MacLength;
        HMACSHA256.HashData(_key, buffer.AsSpan(0, body), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, buffer.AsSpan(body)))
        {
            throw GraphErrors.InvalidCursor("not-authentic");
        }

        return buffer[1..body];
    }
}
