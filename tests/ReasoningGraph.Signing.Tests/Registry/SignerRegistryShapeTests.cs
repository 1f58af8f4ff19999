using System.Text;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Registry;

/// <summary>The three registry shapes of INTEROP.md §2, every public key form, rotation and lookup by id.</summary>
public sealed class SignerRegistryShapeTests : IDisposable
{
    private readonly Ed25519PrivateKey _k1 = Ed25519PrivateKey.Generate();
    private readonly Ed25519PrivateKey _k2 = Ed25519PrivateKey.Generate();

    public void Dispose()
    {
        _k1.Dispose();
        _k2.Dispose();
    }

    public static TheoryData<string> PublicKeyForms => ["spki", "raw", "pem"];

    private static string Form(Ed25519PrivateKey key, string form) => form switch
    {
        "spki" => key.PublicKey.ToBase64Spki(),
        "raw" => key.PublicKey.ToBase64Raw(),
        _ => key.PublicKey.ToPem(),
    };

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [Theory]
    [MemberData(nameof(PublicKeyForms))]
    public void SignersArrayWithSignerId_ReadsEveryKeyForm(string form)
    {
        string json = $$$"""{"signers":[{"signerId":"k1","publicKey":{{{Quote(Form(_k1, form))}}},"algorithm":"ed25519"},{"signerId":"k2","publicKey":{{{Quote(Form(_k2, form))}}}}]}""";

        var registry = SignerRegistry.Parse(Encoding.UTF8.GetBytes(json));

        AssertHoldsBothKeys(registry);
    }

    [Fact]
    public void SignersArrayWithSignerKidAndPem_IsRead()
    {
        string json = $$$"""{"signers":[{"signer_kid":"k1","public_key_pem":{{{Quote(_k1.PublicKey.ToPem())}}},"algorithm":"ed25519"},{"signer_kid":"k2","public_key_pem":{{{Quote(_k2.PublicKey.ToPem())}}},"algorithm":"ed25519"}]}""";

        AssertHoldsBothKeys(SignerRegistry.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void KernelMapShape_IsRead()
    {
        string json = $$$"""{"k1":{"publicKey":"{{{_k1.PublicKey.ToBase64Spki()}}}","kid":"k1"},"k2":{"publicKey":"{{{_k2.PublicKey.ToBase64Spki()}}}"}}""";

        AssertHoldsBothKeys(SignerRegistry.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Rotation_EachSignatureVerifiesOnlyUnderItsOwnSignerId()
    {
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519("k1", _k1.PublicKey), RegisteredSigner.ForEd25519("k2", _k2.PublicKey)]);
        byte[] digest = Digests.Random();
        byte[] bySecond = _k2.Sign(digest);

        Assert.True(registry.Verify("k2", digest, bySecond));
        Assert.False(registry.Verify("k1", digest, bySecond));
        Assert.False(registry.Verify("K2", digest, bySecond));
        Assert.False(registry.Verify("k3", digest, bySecond));
    }

    [Fact]
    public void Verify_NeverThrowsForWrongLengths()
    {
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519("k1", _k1.PublicKey)]);
        byte[] digest = Digests.Random();

        Assert.False(registry.Verify("k1", digest, []));
        Assert.False(registry.Verify("k1", digest, new byte[65]));
        Assert.False(registry.Verify("k1", digest.AsSpan(0, 31), _k1.Sign(digest.AsSpan(0, 31))));
        Assert.False(registry.Verify("", digest, _k1.Sign(digest)));
    }

    [Fact]
    public void ToJson_IsTheFirstShapeAndReadsBack()
    {
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519("k2", _k2.PublicKey), RegisteredSigner.ForEd25519("k1", _k1.PublicKey)]);

        string json = Encoding.UTF8.GetString(registry.ToJson());

        Assert.Contains($"\"publicKey\": \"{_k1.PublicKey.ToBase64Spki()}\"", json, StringComparison.Ordinal);
        Assert.True(json.IndexOf("\"k1\"", StringComparison.Ordinal) < json.IndexOf("\"k2\"", StringComparison.Ordinal));
        AssertHoldsBothKeys(SignerRegistry.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Union_MergesAndRefusesConflictingKeys()
    {
        var first = new SignerRegistry([RegisteredSigner.ForEd25519("k1", _k1.PublicKey)]);
        var second = new SignerRegistry([RegisteredSigner.ForEd25519("k1", _k1.PublicKey), RegisteredSigner.ForEd25519("k2", _k2.PublicKey)]);
        var conflicting = new SignerRegistry([RegisteredSigner.ForEd25519("k1", _k2.PublicKey)]);

        AssertHoldsBothKeys(first.Union(second));
        Assert.Contains("different keys", Assert.Throws<ArgumentException>(() => first.Union(conflicting)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsAFile()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new SignerRegistry([RegisteredSigner.ForEd25519("k1", _k1.PublicKey), RegisteredSigner.ForEd25519("k2", _k2.PublicKey)]).ToJson());

            AssertHoldsBothKeys(SignerRegistry.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private void AssertHoldsBothKeys(SignerRegistry registry)
    {
        Assert.Equal(2, registry.Signers.Count);
        Assert.True(registry.TryGetSigner("k1", out var first));
        Assert.Equal(_k1.PublicKey, first.Ed25519Key);
        Assert.Equal(SignerAlgorithm.Ed25519, first.Algorithm);
        Assert.True(registry.TryGetSigner("k2", out var second));
        Assert.Equal(_k2.PublicKey, second.Ed25519Key);
        byte[] digest = Digests.Random();
        Assert.True(registry.Verify("k1", digest, _k1.Sign(digest)));
        Assert.True(registry.Verify("k2", digest, _k2.Sign(digest)));
    }
}
