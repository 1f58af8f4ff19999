using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>Makes compact EdDSA JWTs the way the Kernel does.</summary>
internal static class KernelJwt
{
    public static string Create(Ed25519PrivateKey key, string kid, string issuer = "kernel", string scope = "reasoning:write read:trace", TimeSpan? expiresIn = null)
    {
        long now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        string header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "EdDSA", typ = "JWT", kid }));
        string claims = Encode(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = issuer,
            sub = "kernel-service",
            scope,
            iat = now,
            exp = now + (long)(expiresIn ?? TimeSpan.FromMinutes(5)).TotalSeconds,
        }));
        byte[] signature = key.Sign(Encoding.ASCII.GetBytes(header + "." + claims));
        return header + "." + claims + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
