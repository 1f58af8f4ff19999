using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// Kernel-signed JWTs (compact JWS): <c>alg</c> <c>EdDSA</c> (Ed25519) or <c>RS256</c>, the key picked by the <c>kid</c>
/// header from the signer registry file (<c>KERNEL_SIGNER_KEYS_FILE</c>, any of its three shapes), issuer
/// <c>kernel</c>, an <c>exp</c> in the future (and <c>nbf</c>, when present, in the past) with one minute of clock
/// skew. Capabilities are the token's scopes (<c>scope</c>, space-separated, or <c>scp</c>, an array).
/// </summary>
internal sealed class KernelJwtValidator(SignerRegistry keys, TimeProvider time)
{
    public const string Issuer = "kernel";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public (Caller? Caller, string? Rejection) Validate(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, "the bearer token is not a compact JWS");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            string? alg = StringMember(header.RootElement, "alg");
            string? kid = StringMember(header.RootElement, "kid");
            if (kid is null || !keys.TryGetSigner(kid, out var signer))
            {
                return (null, "the bearer token's kid names no Kernel signer");
            }

            byte[] signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!Verify(signer, alg, signingInput, Base64Url.DecodeFromChars(parts[2])))
            {
                return (null, "the bearer token's signature does not verify");
            }

            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return CheckClaims(claims.RootElement);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, "the bearer token is malformed");
        }
    }

    private static bool Verify(RegisteredSigner signer, string? alg, byte[] signingInput, byte[] signature)
    {
        switch (alg)
        {
            case "EdDSA" when signer.Ed25519Key is { } key:
                return key.Verify(signingInput, signature);
            case "RS256" when signer.Algorithm == SignerAlgorithm.RsaSha256:
                using (var rsa = RSA.Create())
                {
                    rsa.ImportSubjectPublicKeyInfo(signer.SubjectPublicKeyInfo.Span, out _);
                    try
                    {
                        return rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    }
                    catch (CryptographicException)
                    {
                        return false;
                    }
                }

            default:
                return false; // 'none', HS256 and algorithms that do not match the registered key are refused
        }
    }

    private (Caller? Caller, string? Rejection) CheckClaims(JsonElement claims)
    {
        if (StringMember(claims, "iss") != Issuer)
        {
            return (null, $"the bearer token's issuer is not '{Issuer}'");
        }

        var now = time.GetUtcNow();
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number
            || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) + ClockSkew <= now)
        {
            return (null, "the bearer token has expired or has no exp");
        }

        if (claims.TryGetProperty("nbf", out var nbf) && (nbf.ValueKind != JsonValueKind.Number || DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()) - ClockSkew > now))
        {
            return (null, "the bearer token is not valid yet");
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (StringMember(claims, "scope") is { } scope)
        {
            scopes.UnionWith(scope.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        if (claims.TryGetProperty("scp", out var scp) && scp.ValueKind == JsonValueKind.Array)
        {
            scopes.UnionWith(scp.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
        }

        scopes.IntersectWith(Capabilities.All);
        return (new Caller(StringMember(claims, "sub") ?? Issuer, "jwt", scopes), null);
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
