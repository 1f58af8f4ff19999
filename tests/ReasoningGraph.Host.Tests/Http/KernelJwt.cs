using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>Makes compact JWTs the way the Kernel does: EdDSA or RS256, with or without <c>kid</c>.</summary>
internal static class KernelJwt
{
    public static string Create(Ed25519PrivateKey key, string? kid, string issuer = "kernel", string scope = "reasoning:write read:trace", TimeSpan? expiresIn = null) =>
        Sign("EdDSA", kid, Claims(issuer, scope, expiresIn: expiresIn), input => key.Sign(input));

    public static string CreateRs256(RSA key, string? kid, Dictionary<string, object> claims) =>
        Sign("RS256", kid, claims, input => key.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static string CreateEdDsa(Ed25519PrivateKey key, string? kid, Dictionary<string, object> claims) => Sign("EdDSA", kid, claims, input => key.Sign(input));

    /// <summary>The claims of a Kernel token; <paramref name="scope"/> and <paramref name="roles"/> are left out when null.</summary>
    public static Dictionary<string, object> Claims(string issuer = "kernel", string? scope = null, string[]? roles = null, TimeSpan? expiresIn = null)
    {
        long now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["sub"] = "kernel-service",
            ["iat"] = now,
            ["exp"] = now + (long)(expiresIn ?? TimeSpan.FromMinutes(5)).TotalSeconds,
        };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        return claims;
    }

    private static string Sign(string alg, string? kid, Dictionary<string, object> claims, Func<byte[], byte[]> sign)
    {
        var header = new Dictionary<string, string> { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        string signingInput = Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        return signingInput + "." + Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
