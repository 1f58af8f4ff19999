using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Service;

public sealed class ValidationTests
{
    public static TheoryData<string, GraphItemInput> Invalid => new()
    {
        { "type", Node(Id(1), type: "Decision") },
        { "type", Node(Id(1), type: "") },
        { "author", Node(Id(1), author: " ") },
        { "payload", Node(Id(1), payload: "[1,2]") },
        { "payload", Node(Id(1), payload: "\"text\"") },
        { "payload", Node(Id(1), payload: "{\"a\":1,\"a\":2}") },
        { "metadata", Node(Id(1), metadata: "[]") },
        { "id", Node(Guid.Empty) },
        { "createdAt", Node(Id(1), createdAt: TestGraph.Start) },
        { "type", Edge(Id(1), Id(1), type: "causes") },
        { "weight", Edge(Id(1), Id(1), weight: double.NaN) },
        { "weight", Edge(Id(1), Id(1), weight: double.PositiveInfinity) },
        { "from", Edge(Guid.Empty, Id(1)) },
        { "annotationType", Note(Id(1), type: "") },
        { "targetType", new AnnotationInput { Id = Id(5), TargetId = Id(1), TargetType = (AnnotationTargetType)7, AnnotationType = "note", Author = "a", Payload = Json("{}") } },
        { "payload", Note(Id(1), payload: "null") },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task InvalidInput_IsRejectedWithItsFieldAndChangesNothing(string field, GraphItemInput input)
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.AppendAsync([Node(Id(2)), input]));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal(field, error.Details["field"]);
        Assert.Equal("1", error.Details["index"]);
        Assert.Equal(1, await graph.Store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Payload_LargerThanTheLimit_IsRejected()
    {
        var graph = new TestGraph(o => o.MaxPayloadBytes = 100);
        var ok = "{\"t\":\"" + new string('x', 92) + "\"}";
        await graph.Service.AppendNodeAsync(Node(payload: ok));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.AppendNodeAsync(Node(payload: "{\"t\":\"" + new string('x', 93) + "\"}")));
        Assert.Equal("payload", error.Details["field"]);
        Assert.Equal("too-large", error.Details["reason"]);
    }

    [Fact]
    public async Task DefaultPayloadLimit_Is256Kilobytes()
    {
        var graph = new TestGraph();
        await graph.Service.AppendNodeAsync(Node(payload: "{\"t\":\"" + new string('x', (256 * 1024) - 8) + "\"}"));
        await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.AppendNodeAsync(Node(payload: "{\"t\":\"" + new string('x', (256 * 1024) - 7) + "\"}")));
    }

    [Fact]
    public async Task AcceptedTypes_AreConfigurable()
    {
        var graph = new TestGraph(o =>
        {
            o.NodeTypes.Add("Decision");
            o.EdgeTypes.Clear();
            o.EdgeTypes.Add("leadsTo");
        });
        var node = await graph.Service.AppendNodeAsync(Node(type: "Decision"));
        await graph.Service.AppendEdgeAsync(Edge(node.Id, node.Id, type: "leadsTo"));
        await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.AppendEdgeAsync(Edge(node.Id, node.Id, type: "causal")));
    }

    [Fact]
    public async Task MissingIds_AreGeneratedAsVersion7FromTheClock()
    {
        var graph = new TestGraph();
        var node = await graph.Service.AppendNodeAsync(Node());
        Assert.Equal(7, node.Id.Version);
        var timestamp = Convert.ToInt64(node.Id.ToString("N")[..12], 16);
        Assert.Equal(TestGraph.Start.ToUnixTimeMilliseconds(), timestamp);
        Assert.Equal(TestGraph.Start, node.CreatedAt);
    }

    [Fact]
    public async Task AnyUuidVersion_IsAcceptedAsAClientId()
    {
        var graph = new TestGraph();
        var v4 = Guid.NewGuid();
        Assert.Equal(v4, (await graph.Service.AppendNodeAsync(Node(v4))).Id);
    }

    [Fact]
    public async Task Replays_AreIdempotentAndConflictsAreRejected()
    {
        var graph = new TestGraph();
        var first = await graph.Service.AppendNodeAsync(Node(Id(1), payload: "{\"score\":1}"));
        graph.Time.Advance(TimeSpan.FromSeconds(5));
        var again = await graph.Service.AppendNodeAsync(Node(Id(1), payload: "{\"score\":1.0}"));
        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.AppendNodeAsync(Node(Id(1), payload: "{\"score\":2}")));
        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
        Assert.Equal("id", error.Details["field"]);
        Assert.Equal(1, await graph.Store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Import_KeepsTheCarriedCreatedAt()
    {
        var graph = new TestGraph();
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(123_450);
        var result = await graph.Service.ImportAsync([Node(Id(1), createdAt: at)]);
        Assert.Equal(at, result.Items[0].CreatedAt);
        Assert.Equal("2024-01-01T00:00:00.012345Z", JsonDocument.Parse(ToJson(result.Items[0])).RootElement.GetProperty("createdAt").GetString());
    }
}
