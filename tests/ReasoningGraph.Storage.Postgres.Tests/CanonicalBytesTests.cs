using System.Runtime.InteropServices;
using System.Text;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Items read back have exactly the bytes that were written, so their canonical bytes (what is hashed and signed)
/// are identical, although the jsonb copy used for queries does not preserve them.
/// </summary>
[RequiresPostgres]
public sealed class CanonicalBytesTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    public static TheoryData<string> Documents => new()
    {
        "{\"z\":1,\"a\":{\"y\":[3,2,1],\"b\":null},\"m\":true}",
        "{\"one\":1.0,\"hundred\":1e2,\"tenth\":0.1,\"tiny\":1E-7,\"big\":12345678901234567890123,\"neg\":-0,\"negf\":-0.0}",
        "{\"s\":\"caf\\u00e9 \\ud83d\\ude00 \\u2028 <tag> & \\\"q\\\" \\\\ \\t\",\"raw\":\"é😀\"}",
        "{ \"spaced\" : [ 1 , 2 ] ,\n \"nested\" : { \"deep\" : { \"deeper\" : [ { } , [ ] ] } } }",
        "{\"nul\":\"a\\u0000b\",\"k\":\"\\\\u0000 is not a NUL\"}",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task ReadBack_HasTheWrittenBytesAndTheSameCanonicalBytes(string json)
    {
        var store = schema.NewStore();
        var written = await store.AppendAsync(new GraphBatch
        {
            Node(Id(1), payload: json, metadata: json),
            Edge(Id(1), Id(1), Id(2), metadata: json, weight: 0.1),
            Note(Id(1), Id(3), payload: json),
        });
        var read = (await store.GetItemsAsync([Id(1), Id(2), Id(3)], long.MaxValue)).OrderBy(i => i.Seq).ToList();
        var exported = new List<GraphItem>();
        await foreach (var item in store.ReadAllAsync(0, long.MaxValue))
        {
            exported.Add(item);
        }

        foreach (var copy in new[] { read, exported })
        {
            Assert.Equal(written.Items.Select(GraphJson.ToCanonicalBytes), copy.Select(GraphJson.ToCanonicalBytes));
            Assert.Equal(written.Items.Select(GraphContent.GetCanonicalBytes), copy.Select(GraphContent.GetCanonicalBytes));
        }

        var node = (ReasoningNode)read[0];
        Assert.Equal(json, Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(node.Payload)));
        Assert.Equal(json, Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(((ReasoningAnnotation)read[2]).Payload)));
    }

    [Fact]
    public async Task JsonbCopy_LosesNegativeZero_WhichIsWhyReadsUseTheExactBytes()
    {
        var store = schema.NewStore();
        const string json = "{\"b\":-0,\"a\":1.50}";
        await store.AppendAsync(new GraphBatch { Node(Id(1), payload: json) });
        var jsonb = await schema.ScalarAsync<string>("SELECT payload::text FROM {s}.nodes WHERE graph_id = @g", ("g", store.GraphId));
        Assert.Equal("{\"a\":1.5,\"b\":-0}", Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json)));
        Assert.NotEqual(CanonicalJson.Canonicalize(json), CanonicalJson.Canonicalize(jsonb));
        var read = (ReasoningNode)Assert.Single(await store.GetItemsAsync([Id(1)], long.MaxValue));
        Assert.Equal(CanonicalJson.Canonicalize(json), CanonicalJson.Canonicalize(read.Payload.GetRawText()));
    }

    [Fact]
    public async Task RandomDocuments_RoundTripTheirCanonicalBytes()
    {
        var random = new Random(20251117);
        var store = schema.NewStore();
        var batch = new GraphBatch();
        for (int i = 1; i <= 300; i++)
        {
            batch.Add(Node(Id(i), payload: RandomJson.Document(random, 4), metadata: RandomJson.Document(random, 2)));
        }

        var written = await store.AppendAsync(batch);
        var read = (await store.GetItemsAsync(written.Items.Select(i => i.Id).ToList(), long.MaxValue)).OrderBy(i => i.Seq);
        Assert.Equal(written.Items.Select(GraphJson.ToCanonicalBytes), read.Select(GraphJson.ToCanonicalBytes));
    }

    [Fact]
    public async Task NulEscapeInJson_IsKeptExactlyButLeftOutOfTheJsonbCopy()
    {
        var store = schema.NewStore();
        await store.AppendAsync(new GraphBatch { Node(Id(1), payload: "{\"x\":\"\\u0000\"}", metadata: "{\"tags\":[\"\\u0000\"]}") });
        Assert.True(await schema.ScalarAsync<bool>("SELECT payload IS NULL AND metadata IS NULL FROM {s}.nodes WHERE graph_id = @g", ("g", store.GraphId)));
        Assert.Empty(await store.QueryNodesAsync(new Storage.NodeFilter { Tags = ["\0"] }, 0, long.MaxValue, 10));
        var node = (ReasoningNode)Assert.Single(await store.GetItemsAsync([Id(1)], long.MaxValue));
        Assert.Equal("\0", node.Payload.GetProperty("x").GetString());
    }

    [Theory]
    [InlineData("author")]
    [InlineData("type")]
    public async Task NulCharacterInATextField_IsInvalidPayloadNamingTheField(string field)
    {
        var store = schema.NewStore();
        var node = field == "author" ? Node(Id(1), author: "a\0b") : Node(Id(1), type: "obs\0");
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.AppendAsync(new GraphBatch { Node(Id(2)), node }));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal(field, error.Details["field"]);
        Assert.Equal("1", error.Details["index"]);
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task JsonThatCannotBeCanonicalized_IsInvalidPayloadAndWritesNothing()
    {
        var store = schema.NewStore();
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.AppendAsync(new GraphBatch { Node(Id(1)), Node(Id(2), payload: "{\"a\":1,\"a\":2}") }));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal("1", error.Details["index"]);
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }
}
