using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Service;

public sealed class ExplainTests
{
    [Fact]
    public async Task Explain_BuildsARationaleFromPayloadsConfidenceAndCorrections()
    {
        var graph = new TestGraph();
        await graph.Service.AppendAsync([
            new NodeInput { Id = Id(1), Type = "observation", Author = "agent:sensor", Payload = Json("{\"reason\":\"latency rose to 900ms\"}"), AuditEventId = "audit-1" },
            new NodeInput { Id = Id(2), Type = "score", Author = "agent:eval", Payload = Json("{\"score\":0.95}"), Metadata = Json("{\"confidence\":0.8}") },
            new NodeInput { Id = Id(3), Type = "decision", Author = "agent:planner", Payload = Json("{\"rationale\":\"scale out\"}"), Metadata = Json("{\"confidence\":0.9}") },
            Edge(Id(1), Id(2)), Edge(Id(2), Id(3)),
            Note(Id(2), Id(9), type: "correction", payload: "{\"text\":\"score was computed on stale data\"}"),
        ]);
        var explanation = await graph.Service.ExplainAsync(Id(3));
        Assert.Equal(["latency rose to 900ms", "score 0.95", "scale out"], explanation.Components.Select(c => c.Value));
        Assert.Equal([null, 0.8, 0.9], explanation.Components.Select(c => c.Confidence));
        Assert.StartsWith($"decision {Id(3)} by agent:planner (confidence 0.9): scale out.", explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("rests on 2 earlier steps", explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("score was computed on stale data", explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(["audit-1", Id(9).ToString()], explanation.Evidence.Select(e => e.AuditRef));
        var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(explanation, ResultJson.Explanation)).RootElement;
        Assert.Equal("audit-1", json.GetProperty("evidence")[0].GetProperty("audit_ref").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("components")[0].GetProperty("confidence").ValueKind);
    }

    [Fact]
    public async Task Explain_SaysWhenReasoningIsCircular()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2);
        await graph.EdgesAsync("1>2", "2>1");
        var explanation = await graph.Service.ExplainAsync(Id(2));
        Assert.Contains("circular", explanation.Summary, StringComparison.Ordinal);
        var json = System.Text.Json.JsonSerializer.Serialize(explanation, ResultJson.Explanation);
        Assert.StartsWith("{\"summary\":", json, StringComparison.Ordinal);
        Assert.Contains("\"evidence\":[]", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ShowsAPayloadWithoutARationaleCompactly_HoweverItWasSpelled()
    {
        // A payload is kept as it was sent; the fallback must not show the sender's whitespace or escapes.
        var graph = new TestGraph();
        await graph.Service.AppendAsync([
            new NodeInput { Id = Id(1), Type = "observation", Author = "a", Payload = Json("{\"b\":[1,2.5],\"a\":{\"c\":\"x <é>\"}}") },
            new NodeInput { Id = Id(2), Type = "observation", Author = "a", Payload = Json("{ \"b\" : [ 1 ,\n 2.5 ],\r\n\t\"a\" : { \"\\u0063\" : \"x \\u003c\\u00e9>\" } }") },
        ]);

        var first = await graph.Service.ExplainAsync(Id(1));
        var second = await graph.Service.ExplainAsync(Id(2));

        Assert.Equal("{\"b\":[1,2.5],\"a\":{\"c\":\"x <é>\"}}", first.Components[0].Value);
        Assert.Equal(first.Components[0].Value, second.Components[0].Value);
        Assert.Equal(first.Summary.Replace(Id(1).ToString(), "id", StringComparison.Ordinal), second.Summary.Replace(Id(2).ToString(), "id", StringComparison.Ordinal));
    }
}
