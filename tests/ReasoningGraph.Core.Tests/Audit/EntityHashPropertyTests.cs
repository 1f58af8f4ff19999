using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Audit;

/// <summary>
/// A write hashes its items from the canonical members its validation already made (the payload is canonicalized once);
/// what it records must still be exactly the hash of the whole stored item, canonicalized from scratch.
/// </summary>
[Properties(Arbitrary = [typeof(JsonTreeGenerators)], MaxTest = 200)]
public sealed class EntityHashPropertyTests
{
    [Property]
    public bool TheHashAWriteRecords_IsTheStoredItemsCanonicalHash(
        JsonTree payload, JsonTree metadata, JsonTree edgeMetadata, JsonTree notePayload, int seed, bool withMetadata, bool withWeight)
    {
        var random = new Random(seed);
        string author = "agent:" + string.Concat(Enumerable.Range(0, random.Next(6)).Select(_ => AuthorFragments[random.Next(AuthorFragments.Length)]));
        var batch = new GraphBatch
        {
            Node(Id(1), payload: Member(payload, random), metadata: withMetadata ? Member(metadata, random) : null, author: author),
            Node(Id(2), type: "decision", payload: "{}", metadata: "{}"),
            Edge(Id(1), Id(2), Id(3), weight: withWeight ? random.NextDouble() * 1e6 : null, metadata: withMetadata ? Member(edgeMetadata, random) : null),
            Note(Id(1), Id(4), payload: Member(notePayload, random)),
            Note(Id(3), Id(5), targetType: AnnotationTargetType.Edge),
        };

        return RecordsTheStoredItemsHashesAsync(batch).GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData(-0.0)]
    [InlineData(1e21)]
    [InlineData(5e-324)]
    public async Task StringFieldsHoldingThePlaceholders_AndEdgeNumbers_HashAsTheWholeItem(double weight)
    {
        // The splice looks for "payload":{} and "metadata":{} in the item's canonical envelope; in a string they are escaped.
        const string Trap = "x\",\"payload\":{},\"metadata\":{},\"y\":\"";
        var batch = new GraphBatch
        {
            Node(Id(1), payload: "{\"payload\":{},\"metadata\":{}}", metadata: "{\"a\":\"\\\"payload\\\":{}\"}", author: Trap) with { ManifestSignatureId = Trap, Version = Trap },
            Node(Id(2), type: "decision", payload: "{\"b\":2}"),
            Edge(Id(1), Id(2), Id(3), weight: weight, metadata: "{\"metadata\":{}}"),
            Note(Id(3), Id(4), targetType: AnnotationTargetType.Edge, payload: "{\"payload\":{}}") with { Author = Trap },
        };

        Assert.True(await RecordsTheStoredItemsHashesAsync(batch));
    }

    [Fact]
    public async Task APayloadAtTheDepthLimit_IsAcceptedWithoutAudit_AndRefusedWithIt()
    {
        // Valid alone, but one level too deep inside its item: today's rule (it cannot be hashed) holds with the reuse.
        string deep = new string('[', CanonicalizationLimit - 1) + new string(']', CanonicalizationLimit - 1);
        var payload = System.Text.Json.JsonDocument.Parse("{\"a\":" + deep + "}", new System.Text.Json.JsonDocumentOptions { MaxDepth = 300 }).RootElement;
        var batch = new GraphBatch { Node(Id(1)) with { Payload = payload } };

        using var plain = new InMemoryGraphStore();
        await Service(plain).AppendAsync(batch);
        using var audited = new InMemoryGraphStore(auditSigner: new HmacDigestSigner("k1"));
        var refused = await Assert.ThrowsAsync<ReasoningGraph.Errors.ReasoningGraphException>(() => Service(audited).AppendAsync(batch));

        Assert.Equal("INVALID_PAYLOAD", refused.ErrorCode);
        Assert.Equal(0, await audited.GetMaxSeqAsync());
    }

    /// <summary>Characters a string member must escape (or, in the kernel profile, write as is).</summary>
    private static readonly string[] AuthorFragments = ["a", "\"", "\\", "\n", "\u0001", "\u007f", "é", "\u2028", "<", "&", "\U0001F600"];

    private const int CanonicalizationLimit = ReasoningGraph.Canonicalization.CanonicalJsonOptions.DefaultMaxDepth;

    /// <summary>A random tree as an object member, with random whitespace, escapes and key order.</summary>
    private static string Member(JsonTree tree, Random random) => "{\"v\":" + tree.Render(random) + ",\"w\":1}";

    private static ReasoningGraphService Service(InMemoryGraphStore store) => new(Options.Create(new ReasoningGraphOptions()), store);

    private static async Task<bool> RecordsTheStoredItemsHashesAsync(GraphBatch batch)
    {
        using var store = new InMemoryGraphStore(auditSigner: new HmacDigestSigner("k1"));
        await Service(store).AppendAsync(batch);
        var items = await store.GetItemsAsync([.. batch.Select(i => i.Id!.Value)], await store.GetMaxSeqAsync());
        var events = new List<AuditEvent>();
        await foreach (var auditEvent in store.ReadAuditEventsAsync())
        {
            events.Add(auditEvent);
        }

        var coverage = await AuditCoverage.CheckAsync(ToAsync(events), ToAsync(items));
        return items.Count == batch.Count && coverage.IsComplete && coverage.ItemEvents == batch.Count;
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> values)
    {
        foreach (var value in values)
        {
            yield return value;
        }

        await Task.CompletedTask;
    }
}
