namespace ReasoningGraph.Signing.Keys;

/// <summary>Signers sign SHA-256 digests only; anything else is a caller bug.</summary>
internal static class DigestGuard
{
    public const int DigestLength = 32;

    public static void ThrowIfNotDigest(ReadOnlySpan<byte> digest, string paramName = "digest")
    {
        if (digest.Length != DigestLength)
        {
            throw new ArgumentException($"A digest to sign is the 32-byte SHA-256, not {digest.Length} bytes.", paramName);
        }
    }
}
