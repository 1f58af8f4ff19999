using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Registry;

/// <summary>
/// The replaced Go service's key file: a bundle of PEM public keys, Ed25519 or RSA, without ids. Each key is
/// registered under its RFC 7638 JWK thumbprint.
/// </summary>
public sealed class PemBundleTests : IDisposable
{
    private readonly Ed25519PrivateKey _ed = Ed25519PrivateKey.Generate();
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _legacyRsa = RSA.Create(2048);

    public void Dispose()
    {
        _ed.Dispose();
        _rsa.Dispose();
        _legacyRsa.Dispose();
    }

    [Fact]
    public void Bundle_RegistersEveryKey_UnderItsThumbprint_AndVerifiesEach()
    {
        string bundle = "# Kernel JWT keys\n" + _ed.PublicKey.ToPem() + "\nrotated 2026-11:\n" + _rsa.ExportSubjectPublicKeyInfoPem() + "\n" + _legacyRsa.ExportRSAPublicKeyPem() + "\n";

        var registry = SignerRegistry.Parse(Encoding.UTF8.GetBytes(bundle), "kernel-keys.pem");

        Assert.Equal(3, registry.Signers.Count);
        byte[] digest = Digests.Random();
        string edId = SignerRegistry.JwkThumbprint(_ed.PublicKey.ExportSubjectPublicKeyInfo());
        string rsaId = SignerRegistry.JwkThumbprint(_rsa.ExportSubjectPublicKeyInfo());
        string legacyId = SignerRegistry.JwkThumbprint(_legacyRsa.ExportSubjectPublicKeyInfo());
        Assert.True(registry.Verify(edId, digest, _ed.Sign(digest)));
        Assert.True(registry.Verify(rsaId, digest, _rsa.SignData(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        Assert.True(registry.Verify(legacyId, digest, _legacyRsa.SignData(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        Assert.False(registry.Verify(rsaId, digest, _legacyRsa.SignData(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        Assert.Equal(SignerAlgorithm.Ed25519, registry.Signers.Single(s => s.SignerId == edId).Algorithm);
    }

    [Fact]
    public void Thumbprint_MatchesRfc8037Example()
    {
        // RFC 8037 appendix A.3: the Ed25519 key of A.2 and its RFC 7638 thumbprint.
        byte[] raw = Base64Url.DecodeFromChars("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        var key = Ed25519PublicKey.FromRawBytes(raw);

        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", SignerRegistry.JwkThumbprint(key.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void Thumbprint_OfRsaKey_HashesTheCanonicalJwk()
    {
        var parameters = _rsa.ExportParameters(false);
        string jwk = $$"""{"e":"{{Base64Url.EncodeToString(parameters.Exponent)}}","kty":"RSA","n":"{{Base64Url.EncodeToString(parameters.Modulus)}}"}""";

        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(jwk))), SignerRegistry.JwkThumbprint(_rsa.ExportSubjectPublicKeyInfo()));
    }

    [Theory]
    [InlineData("{private key}", "PEM block 1", "PRIVATE KEY")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "PEM block 1", "SubjectPublicKeyInfo")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nnot base64 at all\n", "PEM block 1", "not well-formed")]
    public void BadBlock_IsAnErrorNamingIt(string badTail, string entry, string problem)
    {
        // A private key pasted into the key file: made here, since no private key is ever committed.
        using var pasted = Ed25519PrivateKey.Generate(allowExport: true);
        string bundle = _ed.PublicKey.ToPem() + (badTail == "{private key}" ? pasted.ExportPkcs8Pem() : badTail);

        var error = Assert.Throws<SignerRegistryException>(() => SignerRegistry.Parse(Encoding.UTF8.GetBytes(bundle), "keys.pem"));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("keys.pem", error.Message, StringComparison.Ordinal);
        Assert.Equal(entry, error.Entry);
    }

    [Fact]
    public void SameKeyTwice_IsAnError()
    {
        string bundle = _ed.PublicKey.ToPem() + _ed.PublicKey.ToPem();

        var error = Assert.Throws<SignerRegistryException>(() => SignerRegistry.Parse(Encoding.UTF8.GetBytes(bundle)));

        Assert.Contains("already used by PEM block 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortRsaKey_InABundle_IsRefused()
    {
        using var weak = RSA.Create(1024);

        var error = Assert.Throws<SignerRegistryException>(() => SignerRegistry.Parse(Encoding.UTF8.GetBytes(weak.ExportSubjectPublicKeyInfoPem())));

        Assert.Contains("2048", error.Message, StringComparison.Ordinal);
    }
}
