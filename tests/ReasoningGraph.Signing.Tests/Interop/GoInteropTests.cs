using System.Text;
using System.Text.Json.Nodes;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Signing.Tests.Support;
using ReasoningGraph.Tests.Parity;

namespace ReasoningGraph.Signing.Tests.Interop;

/// <summary>
/// Keys, signatures and snapshot documents exchanged with Go's crypto/ed25519 and encoding/json — what the Kernel
/// uses. Skipped without <c>go</c> on a developer machine; run (and failing) when <c>CI=true</c>.
/// </summary>
public sealed class GoInteropTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-go-interop-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private Task<string> GoAsync(string? input, params string[] arguments) => GoSigning.RunAsync(_directory.FullName, input, arguments);

    [ReferenceFact(ReferenceTool.Go)]
    public async Task GoKeys_LoadInEveryForm_AndEachSideVerifiesTheOthersSignatures()
    {
        await GoAsync(null, "keygen", _directory.FullName);
        using var fromPem = Ed25519PrivateKey.ReadFile(PathOf("private.pem"));
        using var fromGo64 = Ed25519PrivateKey.ReadFile(PathOf("private.go64"));
        var publicFromPem = Ed25519PublicKey.Parse(await File.ReadAllTextAsync(PathOf("public.pem")));
        var publicFromSpki = Ed25519PublicKey.Parse(await File.ReadAllTextAsync(PathOf("public.spki")));
        Assert.Equal(publicFromPem, fromPem.PublicKey);
        Assert.Equal(publicFromPem, fromGo64.PublicKey);
        Assert.Equal(publicFromPem, publicFromSpki);

        byte[] digest = Digests.Random();
        string digestText = Convert.ToBase64String(digest);
        string ours = Convert.ToBase64String(fromPem.Sign(digest));
        Assert.Equal("verified", await GoAsync(null, "verify-digest", PathOf("public.spki"), digestText, ours));
        Assert.Equal("verified", await GoAsync(null, "verify-digest", PathOf("public.pem"), digestText, ours));
        Assert.Equal("failed: bad signature", await GoAsync(null, "verify-digest", PathOf("public.pem"), Convert.ToBase64String(Digests.Random()), ours));

        string theirs = await GoAsync(null, "sign-digest", PathOf("private.go64"), digestText);
        Assert.True(publicFromSpki.Verify(digest, Convert.FromBase64String(theirs)));
        // Ed25519 is deterministic: the same key gives Go and NSec the same signature.
        Assert.Equal(ours, theirs);
    }

    [ReferenceFact(ReferenceTool.Go)]
    public async Task OurSnapshotDocument_VerifiesWithTheGoKernelVerifier()
    {
        using var key = Ed25519PrivateKey.Generate();
        var signed = await SampleSnapshots.SignAsync(key, "rg-1", SampleSnapshots.Content("manifest-3"));
        await File.WriteAllTextAsync(PathOf("signers.json"), $$$"""{"rg-1":{"publicKey":"{{{key.PublicKey.ToBase64Spki()}}}"}}""");
        string document = Encoding.UTF8.GetString(signed.Document.Span);

        Assert.Equal("verified", await GoAsync(document, "verify-snapshot", PathOf("signers.json")));

        string tampered = Encoding.UTF8.GetString(DocumentEdit.Apply(signed.Document, d => d["payload"]!["audience"] = "auditor"));
        Assert.StartsWith("failed: snapshot_bytes_canonical_hash mismatch", await GoAsync(tampered, "verify-snapshot", PathOf("signers.json")), StringComparison.Ordinal);
    }

    [ReferenceFact(ReferenceTool.Go)]
    public async Task GoSignedSnapshotDocument_VerifiesWithOurVerifier()
    {
        await GoAsync(null, "keygen", _directory.FullName);
        var fields = new JsonObject
        {
            ["id"] = "0193a5b2-7c1e-7d4f-8a9b-0000000000bb",
            ["root_ids"] = new JsonArray("0193a5b2-7c1e-7d4f-8a9b-000000000001"),
            ["created_at"] = "2025-11-17T12:00:03Z",
            ["reasoning_graph_version"] = "go-kernel",
            ["payload"] = JsonNode.Parse(SampleSnapshots.Payload),
        };

        string document = await GoAsync(fields.ToJsonString(), "sign-snapshot", PathOf("private.pem"), "kernel-go");

        var registry = new SignerRegistry([RegisteredSigner.ForEd25519("kernel-go", Ed25519PublicKey.Parse(await File.ReadAllTextAsync(PathOf("public.spki"))))]);
        var result = new SnapshotVerifier(registry).Verify(Encoding.UTF8.GetBytes(document));
        Assert.True(result.IsVerified, result.Message);
        Assert.Equal("kernel-go", result.SignerId);

        var unknown = new SnapshotVerifier(new SignerRegistry([RegisteredSigner.ForEd25519("someone", Ed25519PrivateKey.Generate().PublicKey)]));
        Assert.Equal(SnapshotVerificationFailure.UnknownSigner, unknown.Verify(Encoding.UTF8.GetBytes(document)).Failure);
    }
}
