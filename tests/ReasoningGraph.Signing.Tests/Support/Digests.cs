using System.Security.Cryptography;

namespace ReasoningGraph.Signing.Tests.Support;

internal static class Digests
{
    /// <summary>A fresh 32-byte SHA-256 digest of random content.</summary>
    public static byte[] Random() => SHA256.HashData(RandomNumberGenerator.GetBytes(64));
}
