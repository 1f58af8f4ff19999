using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Archive;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Archive;

/// <summary>Metadata is read from the document itself, and object names round-trip.</summary>
public sealed class ArchiveDocumentTests
{
    [Fact]
    public async Task Metadata_IsReadFromTheSignedDocument()
    {
        var document = await ArchiveSamples.DocumentAsync(id: "0193a5b2-7c1e-7d4f-8a9b-0000000000aa", piiIncluded: true);

        using var json = System.Text.Json.JsonDocument.Parse(document.Document);
        var root = json.RootElement;
        var metadata = document.Metadata;
        Assert.Equal("0193a5b2-7c1e-7d4f-8a9b-0000000000aa", metadata.SnapshotId);
        Assert.Equal(root.GetProperty("hash").GetString(), metadata.Hash);
        Assert.Equal(root.GetProperty("signer_kid").GetString(), metadata.SignerKid);
        Assert.Equal(root.GetProperty("signature").GetString(), metadata.Signature);
        Assert.Equal("2026-11-23T12:00:00.5Z", metadata.Timestamp);
        Assert.True(metadata.PiiIncluded);
        Assert.Equal("pii-v3", metadata.PiiPolicyVersion);
        Assert.Equal($"0193a5b2-7c1e-7d4f-8a9b-0000000000aa.{metadata.Hash}.json", document.Name);
    }

    [Fact]
    public async Task Metadata_RoundTripsThroughNameValuePairs()
    {
        var metadata = (await ArchiveSamples.DocumentAsync(piiIncluded: false)).Metadata;

        var pairs = metadata.ToDictionary();

        Assert.Equal("false", pairs["pii_included"]);
        Assert.Equal(metadata, ArchiveMetadata.FromLookup(name => pairs.GetValueOrDefault(name)));
        Assert.Null(ArchiveMetadata.FromLookup(name => name == "hash" ? null : pairs.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{not json")]
    [InlineData("""{"id":"a","hash":"x","signer_kid":"k","signature":"s","created_at":"t"}""")]
    [InlineData("""{"id":"../etc","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","signer_kid":"k","signature":"s","created_at":"t"}""")]
    [InlineData("""{"id":"a","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","signer_kid":"k\u00e9","signature":"s","created_at":"t"}""")]
    [InlineData("""{"id":"a","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","signature":"s","created_at":"t"}""")]
    public void FromDocument_RejectsWhatCannotBeArchived(string text)
    {
        var error = Assert.Throws<ArchiveException>(() => ArchiveDocument.FromDocument(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal(ArchiveFailureReasons.InvalidDocument, error.Reason);
    }

    [Property]
    public Property Names_RoundTrip(Guid id, byte[] digest)
    {
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(digest ?? []));
        string name = ArchiveNames.For(id.ToString(), hash);

        bool parsed = ArchiveNames.TryParse(name, out string parsedId, out string parsedHash);

        return (parsed && parsedId == id.ToString() && parsedHash == hash).ToProperty();
    }

    [Property]
    public Property TryParse_NeverThrows_AndAcceptsOnlyWhatForBuilds(NonNull<string> text)
    {
        bool parsed = ArchiveNames.TryParse(text.Get, out string id, out string hash);

        return (!parsed || ArchiveNames.For(id, hash) == text.Get).ToProperty();
    }
}
