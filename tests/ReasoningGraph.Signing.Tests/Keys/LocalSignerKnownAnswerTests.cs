using System.Security.Cryptography;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Signing.Tests.Keys;

public sealed class LocalSignerKnownAnswerTests
{
    // RFC 8032 §7.1 TEST 1 key; the signature over SHA-256("abc") was computed independently with OpenSSL 3.0
    // (`openssl pkeyutl -sign -rawin`).
    private static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string SignatureHex =
        "096f5569d807ee8ac7b1913da70cf0aab335c258f4b94c8f210dd141e9743927c8d1a6b378872a72c9446c1f75e6dc7b2def98bd0c214be6706d48791f57680a";

    [Fact]
    public async Task FromSeed_SignsTheDigestAsTheMessage_KnownAnswer()
    {
        using var signer = LocalEd25519Signer.FromSeed(Seed, "rfc8032-1");
        Assert.Equal(PublicKeyHex, Convert.ToHexStringLower(signer.PublicKey.RawBytes.Span));
        var signature = await signer.SignAsync(SHA256.HashData("abc"u8));
        Assert.Equal(SignatureHex, Convert.ToHexStringLower(signature));
    }

    [Fact]
    public async Task RegistryFor_AcceptsOnlyTheRightKeyDigestAndSignature()
    {
        using var signer = LocalEd25519Signer.Generate("k1");
        var digest = SHA256.HashData("payload"u8);
        var signature = await signer.SignAsync(digest);
        var verifier = SignerRegistry.For(signer);
        Assert.True(verifier.IsKnownSigner("k1"));
        Assert.False(verifier.IsKnownSigner("k2"));
        Assert.True(verifier.Verify("k1", digest, signature));
        Assert.False(verifier.Verify("k2", digest, signature));
        Assert.False(verifier.Verify("k1", SHA256.HashData("other"u8), signature));
        signature[5] ^= 1;
        Assert.False(verifier.Verify("k1", digest, signature));
        Assert.False(verifier.Verify("k1", digest, signature.AsSpan(1)));
    }

    [Fact]
    public void Misuse_IsRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => LocalEd25519Signer.FromSeed(new byte[31], "k"));
        Assert.ThrowsAny<ArgumentException>(() => LocalEd25519Signer.FromSeed(Seed, ""));
        using var signer = LocalEd25519Signer.FromSeed(Seed, "k");
        Assert.Throws<ArgumentException>(() => signer.SignAsync(new byte[31]).AsTask().GetAwaiter().GetResult());
    }
}
