using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Tests.Tracing;

public sealed class CausalTraceTests
{
    private static Guid E(int from, int to) => Id((1000 * from) + to);

    [Fact]
    public async Task Chain_GivesNodeEdgeNodeOrderLikeTheGoService()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2, 3);
        await graph.EdgesAsync("1>2", "2>3");
        var trace = await graph.Service.GetCausalTraceAsync(Id(3));
        Assert.Equal([Id(1), E(1, 2), Id(2), E(2, 3), Id(3)], trace.OrderedPath.Select(e => e.Id));
        Assert.Equal([0, 1, 2, 3, 4], trace.OrderedPath.Select(e => e.CausalIndex));
        Assert.Equal(["node", "edge", "node", "edge", "node"], trace.OrderedPath.Select(e => e.Type));
        Assert.Equal([[], [Id(1)], [Id(1)], [Id(2)], [Id(2)]], trace.OrderedPath.Select(e => e.ParentIds.ToArray()));
        Assert.Equal((Id(2), Id(3)), (trace.OrderedPath[3].From!.Value, trace.OrderedPath[3].To!.Value));
        Assert.Equal(Id(3).ToString(), trace.TraceId);
        Assert.False(trace.Metadata.CycleDetected);
        Assert.Equal("", trace.Metadata.CycleDetails);
        Assert.Empty(trace.Metadata.CycleNodes);
        Assert.Equal(5, trace.Metadata.Length);
        Assert.False(trace.Metadata.Truncated);
    }

    /// <summary>An entry reads its members from its item, so one made without an item (or with an annotation) says so at once.</summary>
    [Fact]
    public async Task Entry_IsMadeWithANodeOrEdge()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1);
        var entry = (await graph.Service.GetCausalTraceAsync(Id(1))).OrderedPath[0];
        var annotation = new ReasoningAnnotation
        {
            Id = Id(9), TargetId = Id(1), TargetType = AnnotationTargetType.Node, AnnotationType = "note", Author = "a",
            Payload = JsonDocument.Parse("{}").RootElement, CreatedAt = TestGraph.Start,
        };

        Assert.Throws<InvalidOperationException>(() => entry with { Item = null! });
        Assert.Throws<InvalidOperationException>(() => entry with { Item = annotation });
        Assert.Throws<InvalidOperationException>(() => new ReasoningGraph.Tracing.CausalTraceEntry { CausalIndex = 0, ParentIds = [], Annotations = [] }.Id);
        Assert.Equal(Id(1), (entry with { CausalIndex = 5 }).Id);
    }

    [Fact]
    public async Task AsOf_IsTheGraphPositionTheTraceWasBuiltAt_AndIsNotSerialized()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2);
        await graph.EdgesAsync("1>2");
        var trace = await graph.Service.GetCausalTraceAsync(Id(2));
        Assert.Equal(3, await graph.Service.GetMaxSeqAsync());
        Assert.Equal(3, trace.AsOf);

        await graph.NodesAsync(3); // a later write moves the position, not the trace already built
        Assert.Equal(4, await graph.Service.GetMaxSeqAsync());
        Assert.Equal(3, trace.AsOf);
        Assert.DoesNotContain("asOf", JsonSerializer.Serialize(trace, ResultJson.CausalTrace), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Results_PrintIdsAndCounts_NeverPayloads()
    {
        var graph = new TestGraph();
        await graph.Service.ImportAsync([Node(Id(1), payload: """{"ssn":"078-05-1120"}""", createdAt: TestGraph.Start)]);
        var trace = await graph.Service.GetCausalTraceAsync(Id(1));
        var page = await graph.Service.TraceAsync(Id(1), TraversalDirection.Ancestors);
        var neighborhood = await graph.Service.GetNeighborhoodAsync(Id(1));

        foreach (object result in (object[])[trace, trace.OrderedPath[0], trace.OrderedPath[0].Item, page, page.Steps[0], neighborhood, neighborhood.Node, graph.Service.Explain(trace)])
        {
            Assert.DoesNotContain("078-05-1120", result.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal($"CausalTrace {Id(1)} (1 items)", trace.ToString());
    }

    [Fact]
    public async Task TwoNodeCycle_ReturnsEveryItemAndReportsTheCycle()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2);
        await graph.EdgesAsync("1>2", "2>1");
        var trace = await graph.Service.GetCausalTraceAsync(Id(2));
        Assert.Equal([Id(1), Id(2), E(1, 2), E(2, 1)], trace.OrderedPath.Select(e => e.Id));
        Assert.True(trace.Metadata.CycleDetected);
        Assert.Equal(string.Join(',', trace.OrderedPath.Select(e => e.Id)), trace.Metadata.CycleDetails);
        Assert.Equal([Id(1), Id(2)], trace.Metadata.CycleNodes);
    }

    [Fact]
    public async Task CycleNodes_AreExactlyTheNodesOnCyclesNotTheirDescendants()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2, 3, 4, 5);
        await graph.EdgesAsync("5>1", "1>2", "2>1", "2>3", "3>3", "4>3");
        var trace = await graph.Service.GetCausalTraceAsync(Id(3));
        Assert.True(trace.Metadata.CycleDetected);
        Assert.Equal([Id(1), Id(2), Id(3)], trace.Metadata.CycleNodes);
        Assert.Equal([Id(4), Id(5), E(4, 3), E(5, 1)], trace.OrderedPath.Take(4).Select(e => e.Id));
        Assert.Equal(11, trace.OrderedPath.Count);
    }

    [Fact]
    public async Task Diamond_IsNotACycleAndNodeParentsAreSorted()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2, 3, 4);
        await graph.EdgesAsync("1>2", "1>3", "3>4", "2>4");
        var trace = await graph.Service.GetCausalTraceAsync(Id(4));
        Assert.False(trace.Metadata.CycleDetected);
        Assert.Equal([Id(2), Id(3)], trace.OrderedPath[^1].ParentIds);
        Assert.Equal(8, trace.OrderedPath.Count);
    }

    [Fact]
    public async Task Closure_IsCutAtTheConfiguredMaximumAndSaysSo()
    {
        var graph = new TestGraph(o => o.MaxCausalTraceItems = 4);
        await graph.NodesAsync(1, 2, 3, 4);
        await graph.EdgesAsync("1>2", "2>3", "3>4");
        var trace = await graph.Service.GetCausalTraceAsync(Id(4));
        Assert.True(trace.Metadata.Truncated);
        Assert.Equal(new[] { Id(2), E(2, 3), Id(3), E(3, 4), Id(4) }.Where(id => trace.OrderedPath.Any(e => e.Id == id)), trace.OrderedPath.Select(e => e.Id));
        Assert.True(trace.OrderedPath.Count <= 4);
        Assert.All(trace.OrderedPath.Where(e => e.Type == "edge"), e => Assert.Contains(trace.OrderedPath, n => n.Id == e.From));
    }

    [Fact]
    public async Task Entries_CarryAnnotationsAuditRefsAndPayloads()
    {
        var graph = new TestGraph();
        await graph.Service.AppendAsync([
            new NodeInput { Id = Id(1), Type = "observation", Author = "a", Payload = Json("{\"reason\":\"seen\"}"), AuditEventId = "audit-1" },
            Node(Id(2), "decision"), Edge(Id(1), Id(2), E(1, 2)), Note(Id(1), Id(9), type: "correction")]);
        var trace = await graph.Service.GetCausalTraceAsync(Id(2));
        var first = trace.OrderedPath[0];
        Assert.Equal(new ReasoningGraph.Tracing.AuditReference("audit-1"), first.AuditRef);
        Assert.Equal("seen", first.Payload!.Value.GetProperty("reason").GetString());
        Assert.Equal(Id(9), Assert.Single(first.Annotations).Id);
        Assert.Null(trace.OrderedPath[1].Payload);
        Assert.Equal("causal", trace.OrderedPath[1].EntityType);
    }

    [Fact]
    public async Task Trace_SerializesToTheGoShape()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2);
        await graph.EdgesAsync("1>2");
        var json = JsonDocument.Parse(JsonSerializer.Serialize(await graph.Service.GetCausalTraceAsync(Id(2)), ResultJson.CausalTrace)).RootElement;
        Assert.Equal(["trace_id", "ordered_path", "metadata"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["traceId", "createdAt", "length", "cycleDetected", "cycleDetails", "cycleNodes", "truncated"],
            json.GetProperty("metadata").EnumerateObject().Select(p => p.Name));
        var node = json.GetProperty("ordered_path")[0];
        Assert.Equal(["id", "type", "entityType", "timestamp", "causalIndex", "parentIds", "annotations", "auditRef", "payload"], node.EnumerateObject().Select(p => p.Name));
        var edge = json.GetProperty("ordered_path")[1];
        Assert.Equal(["id", "type", "entityType", "timestamp", "causalIndex", "parentIds", "annotations", "auditRef", "from", "to"], edge.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-11-17T12:00:01Z", node.GetProperty("timestamp").GetString());

        // The Go service's model: auditRef is null when the item has no audit reference, else {"eventId": "…"}.
        Assert.Equal(JsonValueKind.Null, node.GetProperty("auditRef").ValueKind);
        Assert.Equal(JsonValueKind.Null, edge.GetProperty("auditRef").ValueKind);
    }

    [Fact]
    public async Task AuditRef_IsAnObjectWithTheEventId()
    {
        var graph = new TestGraph();
        await graph.Service.AppendAsync([new NodeInput { Id = Id(1), Type = "observation", Author = "a", Payload = Json("{}"), AuditEventId = "kernel-7" }]);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(await graph.Service.GetCausalTraceAsync(Id(1)), ResultJson.CausalTrace)).RootElement;
        Assert.Equal("""{"eventId":"kernel-7"}""", json.GetProperty("ordered_path")[0].GetProperty("auditRef").GetRawText());
    }

    [Fact]
    public async Task Trace_OfAnUnknownNode_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => new TestGraph().Service.GetCausalTraceAsync(Id(1)));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
    }
}
