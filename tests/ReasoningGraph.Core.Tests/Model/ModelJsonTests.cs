using System.Text.Json;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Model;

public sealed class ModelJsonTests
{
    private static readonly DateTimeOffset At = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Node_SerializesDesignFieldNamesAndOmitsAbsentOptionalFields()
    {
        var node = (ReasoningNode)Items.Node(Items.Id(1), "decision", "{\"reason\":\"improved\",\"x\":null}").ToItem(7, At.AddTicks(1_234_500));
        Assert.Equal(
            "{\"id\":\"00000000-0000-7000-8000-000000000001\",\"createdAt\":\"2025-11-17T12:00:00.12345Z\",\"type\":\"decision\"," +
            "\"author\":\"agent:test\",\"payload\":{\"reason\":\"improved\",\"x\":null},\"metadata\":{}}",
            Items.ToJson(node));
    }

    [Fact]
    public void Node_WritesOptionalFieldsWhenPresent()
    {
        var node = new NodeInput
        {
            Id = Items.Id(1), Type = "decision", Author = "a", Payload = Items.Json("{}"),
            Version = "v2", ManifestSignatureId = "m1", AuditEventId = "e1",
        }.ToItem(1, At);
        var json = JsonDocument.Parse(Items.ToJson(node)).RootElement;
        Assert.Equal("v2", json.GetProperty("version").GetString());
        Assert.Equal("m1", json.GetProperty("manifestSignatureId").GetString());
        Assert.Equal("e1", json.GetProperty("auditEventId").GetString());
        Assert.False(json.TryGetProperty("seq", out _));
    }

    [Fact]
    public void Edge_SerializesDesignFieldNamesAndOmitsAbsentWeight()
    {
        var edge = Items.Edge(Items.Id(1), Items.Id(2), Items.Id(3)).ToItem(3, At);
        Assert.Equal(
            "{\"id\":\"00000000-0000-7000-8000-000000000003\",\"createdAt\":\"2025-11-17T12:00:00Z\"," +
            "\"from\":\"00000000-0000-7000-8000-000000000001\",\"to\":\"00000000-0000-7000-8000-000000000002\"," +
            "\"type\":\"causal\",\"metadata\":{}}",
            Items.ToJson(edge));
    }

    [Fact]
    public void Annotation_WritesTargetTypeAsLowercaseWord()
    {
        var annotation = Items.Note(Items.Id(1), Items.Id(2), targetType: AnnotationTargetType.Edge).ToItem(1, At);
        var json = JsonDocument.Parse(Items.ToJson(annotation)).RootElement;
        Assert.Equal("edge", json.GetProperty("targetType").GetString());
        Assert.Equal("note", json.GetProperty("annotationType").GetString());
    }

    [Fact]
    public void Ids_AreWrittenAsLowercaseUuids()
    {
        var upper = Guid.Parse("ABCDEF01-2345-4678-9ABC-DEF012345678");
        var json = Items.ToJson(Items.Node(upper).ToItem(1, At));
        Assert.Contains("\"abcdef01-2345-4678-9abc-def012345678\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void InterchangeLine_ReadsKindTaggedInputAnywhereInTheObject()
    {
        var input = GraphInterchange.ParseLine(
            "{\"type\":\"causal\",\"from\":\"00000000-0000-7000-8000-000000000001\",\"kind\":\"edge\",\"to\":\"00000000-0000-7000-8000-000000000002\",\"weight\":0.5}"u8, 1);
        var edge = Assert.IsType<EdgeInput>(input);
        Assert.Equal(0.5, edge.Weight);
        Assert.Null(edge.Id);
    }

    [Theory]
    [InlineData("{\"kind\":\"node\",\"type\":\"decision\",\"payload\":{}}")]
    [InlineData("{\"kind\":\"node\",\"type\":\"decision\",\"author\":null,\"payload\":{}}")]
    [InlineData("{\"kind\":\"vertex\",\"type\":\"decision\",\"author\":\"a\",\"payload\":{}}")]
    [InlineData("{\"type\":\"decision\",\"author\":\"a\",\"payload\":{}}")]
    [InlineData("{\"kind\":\"node\",\"type\":\"decision\",\"author\":\"a\",\"payload\":{},\"createdAt\":\"yesterday\"}")]
    [InlineData("[1,2]")]
    [InlineData("{\"kind\":\"node\"")]
    public void InterchangeLine_RejectsInvalidLinesWithLineNumber(string line)
    {
        var error = Assert.Throws<ReasoningGraphException>(() => GraphInterchange.ParseLine(System.Text.Encoding.UTF8.GetBytes(line), 42));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal("42", error.Details["line"]);
    }

    [Fact]
    public void InterchangeLine_RoundTripsAStoredItemWithItsCreatedAt()
    {
        var node = (ReasoningNode)Items.Node(Items.Id(9), payload: "{\"a\":[1,2]}", metadata: "{\"confidence\":0.5}").ToItem(1, At.AddTicks(10));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        GraphInterchange.WriteLine(buffer, node);
        Assert.StartsWith("{\"kind\":\"node\",", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
        var input = Assert.IsType<NodeInput>(GraphInterchange.ParseLine(buffer.WrittenSpan[..^1], 1));
        Assert.Equal(node.CreatedAt, input.CreatedAt);
        Assert.True(GraphContent.IsSameContent(input, node));
    }

    [Fact]
    public void Guid_CompareTo_OrdersLikeTheLowercaseString()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 2000).Select(_ => { var b = new byte[16]; random.NextBytes(b); return new Guid(b); }).ToList();
        var byGuid = ids.OrderBy(g => g).ToList();
        var byString = ids.OrderBy(g => g.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(byString, byGuid);
    }
}
