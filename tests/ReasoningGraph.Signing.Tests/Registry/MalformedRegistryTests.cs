using System.Text;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Signing.Tests.Registry;

/// <summary>A malformed registry is refused with a message naming the file and the entry at fault.</summary>
public sealed class MalformedRegistryTests
{
    private static readonly string GoodKey = Ed25519PrivateKey.Generate().PublicKey.ToBase64Spki();

    public static TheoryData<string, string?, string> Cases => new()
    {
        { "[]", null, "must be a JSON object" },
        { "{\"signers\":[1,2", null, "not valid JSON" },
        { "{\"signers\":[]}", null, "lists no signers" },
        { "{}", null, "lists no signers" },
        { $$$"""{"signers":[{"signerId":"k1","publicKey":"{{{GoodKey}}}"},{"signerId":"k2"}]}""", "signers[1] (\"k2\")", "has no public key" },
        { $$$"""{"signers":[{"publicKey":"{{{GoodKey}}}"}]}""", "signers[0]", "has no signer id" },
        { $$$"""{"signers":[{"signerId":"","publicKey":"{{{GoodKey}}}"}]}""", "signers[0]", "signerId must be a non-empty string" },
        { """{"signers":[{"signerId":"k1","publicKey":"AAAA"}]}""", "signers[0] (\"k1\")", "publicKey: Not an Ed25519 public key" },
        { $$$"""{"signers":[{"signerId":"k1","publicKey":"{{{GoodKey}}}","algorithm":"ecdsa-p256"}]}""", "signers[0] (\"k1\")", "algorithm must be" },
        { $$$"""{"signers":[{"signerId":"k1","publicKey":"{{{GoodKey}}}","algorithm":"rsa-sha256"}]}""", "signers[0] (\"k1\")", "Not an RSA public key" },
        { $$$"""{"signers":[{"signerId":"k1","publicKey":"{{{GoodKey}}}"},{"signer_kid":"k1","public_key_pem":"{{{GoodKey}}}"}]}""", "signers[1] (\"k1\")", "already used by signers[0] (\"k1\")" },
        { $$$"""{"signers":[{"signerId":"k1","signer_kid":"k2","publicKey":"{{{GoodKey}}}"}]}""", "signers[0]", "contradicts" },
        { $$$"""{"signers":["{{{GoodKey}}}"]}""", "signers[0]", "must be an object" },
        { $$$"""{"k1":{"publicKey":"{{{GoodKey}}}","kid":"k9"}}""", "\"k1\"", "kid \"k9\" contradicts" },
        { $$$"""{"k1":{"publicKey":"{{{GoodKey}}}"},"k2":"{{{GoodKey}}}"}""", "\"k2\"", "must be an object" },
        { $$$"""{"k1":{"publicKey":"{{{GoodKey}}}"},"k1":{"publicKey":"{{{GoodKey}}}"}}""", null, "not valid JSON" },
        { """{"k1":{"publicKey":42}}""", "\"k1\"", "publicKey must be a string" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_Malformed_NamesTheFileAndEntry(string json, string? entry, string problem)
    {
        var error = Assert.Throws<SignerRegistryException>(() => SignerRegistry.Parse(Encoding.UTF8.GetBytes(json), "/etc/rg/signers.json"));

        Assert.Equal(entry, error.Entry);
        Assert.Equal("/etc/rg/signers.json", error.FilePath);
        Assert.StartsWith("/etc/rg/signers.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        if (entry is not null)
        {
            Assert.Contains("entry " + entry, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_MissingFile_IsAnIoError()
    {
        Assert.Throws<FileNotFoundException>(() => SignerRegistry.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void Parse_ArbitraryBytes_EitherReadsOrThrowsOnlySignerRegistryException(byte[] bytes)
    {
        try
        {
            SignerRegistry.Parse(bytes);
        }
        catch (SignerRegistryException)
        {
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Verify_ArbitraryInput_IsFalseAndNeverThrows(byte[] digest, byte[] signature, bool knownSigner)
    {
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519("k1", Ed25519PublicKey.Parse(GoodKey))]);

        return !registry.Verify(knownSigner ? "k1" : "k2", digest, signature);
    }
}
