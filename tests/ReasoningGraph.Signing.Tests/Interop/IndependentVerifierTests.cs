using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Interop;

/// <summary>Documents signed by the library verify with a verifier written from the specification alone (BCL + NSec).</summary>
public sealed class IndependentVerifierTests : IDisposable
{
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate();

    public void Dispose() => _key.Dispose();

    private string KernelRegistry(string kid) => $$$"""{"{{{kid}}}":{"publicKey":"{{{_key.PublicKey.ToBase64Spki()}}}"}}""";

    [Fact]
    public void MiniCanonicalizer_AgreesWithTheLibraryOnTheSamplePayload()
    {
        Assert.Equal(
            Encoding.UTF8.GetString(CanonicalJson.Canonicalize(SampleSnapshots.Payload)),
            Encoding.UTF8.GetString(IndependentVerifier.Canonical(JsonNode.Parse(SampleSnapshots.Payload))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("manifest-42")]
    public async Task SignedDocument_VerifiesIndependently(string? manifest)
    {
        var signed = await SampleSnapshots.SignAsync(_key, "kernel-1", SampleSnapshots.Content(manifest));

        Assert.True(IndependentVerifier.Verify(signed.Document.Span, KernelRegistry("kernel-1")));
        Assert.False(IndependentVerifier.Verify(signed.Document.Span, KernelRegistry("kernel-2")));
        byte[] tampered = DocumentEdit.Apply(signed.Document, d => d["payload"]!["pii_included"] = true);
        Assert.False(IndependentVerifier.Verify(tampered, KernelRegistry("kernel-1")));
    }

    [Property(MaxTest = 100)]
    public Property RandomPayloads_VerifyIndependentlyAndWithTheLibrary()
    {
        var text = Gen.Elements("a", "Z", "é", "世", "😀", "\u2028", "<", "&", "\"", "\\", "\n", "\u0001", "\uE000", " ").ArrayOf().Select(string.Concat);
        var leaf = Gen.OneOf(
            text.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Choose(-100000, 100000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Choose(-10000, 10000).Select(i => (JsonNode?)JsonValue.Create(i / 100.0)),
            Gen.Elements<JsonNode?>(JsonValue.Create(true), JsonValue.Create(false), null));
        var payload = Gen.Zip(text.ArrayOf(), leaf.ArrayOf()).Select(pair =>
        {
            var obj = new JsonObject { ["audience"] = "operator", ["pii_included"] = false, ["pii_policy_version"] = "v1" };
            for (int i = 0; i < Math.Min(pair.Item1.Length, pair.Item2.Length); i++)
            {
                obj["k" + pair.Item1[i]] = pair.Item2[i]?.DeepClone();
            }

            return obj.ToJsonString();
        });
        var verifier = new SnapshotVerifier(SampleSnapshots.Registry(("kernel-1", _key)));

        return Prop.ForAll(payload.ToArbitrary(), json =>
        {
            var signed = SampleSnapshots.SignAsync(_key, "kernel-1", SampleSnapshots.Content(payload: json)).GetAwaiter().GetResult();
            return IndependentVerifier.Verify(signed.Document.Span, KernelRegistry("kernel-1")) && verifier.Verify(signed.Document.Span).IsVerified;
        });
    }
}
