using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Registry;

/// <summary><c>rsa-sha256</c> entries: RSA PKCS#1 v1.5 over SHA-256 of the 32-byte digest.</summary>
public sealed class RsaSignerTests : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public void Dispose() => _rsa.Dispose();

    public static TheoryData<string> KeyForms => ["spki-base64", "spki-pem", "pkcs1-pem", "pkcs1-base64"];

    private string Form(string form) => form switch
    {
        "spki-base64" => Convert.ToBase64String(_rsa.ExportSubjectPublicKeyInfo()),
        "spki-pem" => _rsa.ExportSubjectPublicKeyInfoPem(),
        "pkcs1-pem" => _rsa.ExportRSAPublicKeyPem(),
        _ => Convert.ToBase64String(_rsa.ExportRSAPublicKey()),
    };

    [Theory]
    [MemberData(nameof(KeyForms))]
    public void RsaEntry_VerifiesPkcs1Sha256OverTheDigest(string form)
    {
        string json = $$"""{"signers":[{"signerId":"legacy-rsa","publicKey":{{System.Text.Json.JsonSerializer.Serialize(Form(form))}},"algorithm":"rsa-sha256"}]}""";
        var registry = SignerRegistry.Parse(Encoding.UTF8.GetBytes(json));
        byte[] digest = Digests.Random();
        byte[] signature = _rsa.SignData(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.True(registry.Verify("legacy-rsa", digest, signature));
        Assert.Equal(SignerAlgorithm.RsaSha256, registry.Signers.Single().Algorithm);

        signature[^1] ^= 1;
        Assert.False(registry.Verify("legacy-rsa", digest, signature));
        // A signature over the digest itself as the hash (sign-hash instead of sign-data) is a different scheme.
        byte[] signedAsHash = _rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.False(registry.Verify("legacy-rsa", digest, signedAsHash));
    }

    [Fact]
    public void RsaAndEd25519_LiveInOneRegistry()
    {
        using var ed = ReasoningGraph.Signing.Keys.Ed25519PrivateKey.Generate();
        var registry = new SignerRegistry([RegisteredSigner.ForRsaSha256("rsa", Form("spki-pem")), RegisteredSigner.ForEd25519("ed", ed.PublicKey)]);
        byte[] digest = Digests.Random();

        Assert.True(registry.Verify("rsa", digest, _rsa.SignData(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        Assert.True(registry.Verify("ed", digest, ed.Sign(digest)));
        Assert.False(registry.Verify("rsa", digest, ed.Sign(digest)));
    }

    [Fact]
    public void ShortRsaKey_IsRefused()
    {
        using var weak = RSA.Create(1024);

        var error = Assert.Throws<FormatException>(() => RegisteredSigner.ForRsaSha256("weak", weak.ExportSubjectPublicKeyInfoPem()));

        Assert.Contains("1024 bits", error.Message, StringComparison.Ordinal);
    }
}
