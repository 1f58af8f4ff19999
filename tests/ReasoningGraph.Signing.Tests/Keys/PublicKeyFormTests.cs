using System.Security.Cryptography;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Tests.Keys;

/// <summary>Every public key form of INTEROP.md §2 reads to the same key; anything else is refused with a reason.</summary>
public sealed class PublicKeyFormTests
{
    [Fact]
    public void Forms_AllReadBackToTheSameKey()
    {
        using var key = Ed25519PrivateKey.Generate();
        var publicKey = key.PublicKey;

        string[] forms = [publicKey.ToBase64Spki(), publicKey.ToBase64Raw(), publicKey.ToPem(), "  " + publicKey.ToPem().Replace("\n", "\r\n", StringComparison.Ordinal) + "\n\n"];

        foreach (string form in forms)
        {
            Assert.Equal(publicKey, Ed25519PublicKey.Parse(form));
        }
    }

    [Fact]
    public void Spki_IsTheFixedHeaderFollowedByTheRawKey()
    {
        using var key = Ed25519PrivateKey.Generate();

        byte[] spki = Convert.FromBase64String(key.PublicKey.ToBase64Spki());

        Assert.Equal("302a300506032b6570032100", Convert.ToHexStringLower(spki.AsSpan(0, 12)));
        Assert.Equal(key.PublicKey.RawBytes.ToArray(), spki[12..]);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", key.PublicKey.ToPem(), StringComparison.Ordinal);
        Assert.Equal(key.PublicKey, Ed25519PublicKey.FromSubjectPublicKeyInfo(spki));
    }

    [Fact]
    public void KeyId_IsDerivedFromTheSpkiHash()
    {
        using var key = Ed25519PrivateKey.Generate();

        string expected = "ed25519-" + Convert.ToHexStringLower(SHA256.HashData(key.PublicKey.ExportSubjectPublicKeyInfo()))[..16];

        Assert.Equal(expected, key.PublicKey.KeyId);
    }

    [Fact]
    public void Rfc8032Test1_PublicKeyVerifiesTheKnownSignature()
    {
        // RFC 8032 §7.1, TEST 1 (empty message).
        var publicKey = Ed25519PublicKey.FromRawBytes(Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        byte[] signature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        Assert.True(publicKey.Verify([], signature));
        signature[0] ^= 1;
        Assert.False(publicKey.Verify([], signature));
        Assert.False(publicKey.Verify([], signature.AsSpan(0, 63)));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not base64 at all!", "neither PEM nor standard base64")]
    [InlineData("AAAA", "3 bytes")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n", "no well-formed")]
    public void Parse_Garbage_IsRefusedWithTheReason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Ed25519PublicKey.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(Ed25519PublicKey.TryParse(text, out _));
    }

    [Fact]
    public void Parse_RsaOrPrivateKey_IsRefused()
    {
        using var rsa = RSA.Create(2048);
        using var key = Ed25519PrivateKey.Generate(allowExport: true);

        Assert.Throws<FormatException>(() => Ed25519PublicKey.Parse(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())));
        Assert.Throws<FormatException>(() => Ed25519PublicKey.Parse(rsa.ExportSubjectPublicKeyInfoPem()));
        var error = Assert.Throws<FormatException>(() => Ed25519PublicKey.Parse(key.ExportPkcs8Pem()));
        Assert.Contains("'PRIVATE KEY'", error.Message, StringComparison.Ordinal);
    }
}
