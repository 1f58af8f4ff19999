using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// Kernel-signed JWTs (compact JWS): <c>alg</c> <c>EdDSA</c> (Ed25519) or <c>RS256</c>, verified with the key the
/// <c>kid</c> header names in <c>KERNEL_SIGNER_KEYS_FILE</c> (a signer registry or a PEM bundle), or, without a
/// <c>kid</c> that names one, with each configured key in turn; issuer <c>kernel</c>, an <c>exp</c> in the future (and
/// <c>nbf</c>, when present, in the past) with one minute of clock skew. Capabilities are the token's scopes
/// (<c>scope</c>, space-separated; <c>scp</c> or <c>roles</c>, arrays).
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
            byte[] signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            byte[] signature = Base64Url.DecodeFromChars(parts[2]);
            if (kid is not null && keys.TryGetSigner(kid, out var named))
            {
                if (!Verify(named, alg, signingInput, signature))
                {
                    return (null, "the bearer token's signature does not verify with the Kernel key its kid names");
                }
            }
            else if (!keys.Signers.Any(signer => Verify(signer, alg, signingInput, signature)))
            {
                // RFC 7515 makes kid a hint: without one (or with one this file does not name, as with a PEM bundle),
                // every configured Kernel key is tried, as the replaced Go service does.
                return (null, "the bearer token's signature verifies with no configured Kernel key");
            }

            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return CheckClaims(claims.RootElement);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentOutOfRangeException)
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

        // "roles" is how the replaced Go service's tokens grant reasoning:write; it is read like "scp".
        foreach (string member in (string[])["scp", "roles"])
        {
            if (claims.TryGetProperty(member, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                scopes.UnionWith(list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
            }
        }

        scopes.IntersectWith(Capabilities.All);
        return (new Caller(StringMember(claims, "sub") ?? Issuer, "jwt", scopes) { Division = StringMember(claims, Divisions.Claim) }, null);
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
