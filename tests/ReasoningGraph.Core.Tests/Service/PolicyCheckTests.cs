using System.Text.Json;
using Microsoft.Extensions.Options;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Service;

public sealed class PolicyCheckTests : IDisposable
{
    private readonly InMemoryGraphStore _store = new();

    public void Dispose() => _store.Dispose();

    private ReasoningGraphService Service() =>
        new(Options.Create(new ReasoningGraphOptions()), _store, new ServiceTests.DenyDecisions());

    [Fact]
    public async Task Denial_IsForbidden_WritesAPolicyCheckNode_AndNothingOfTheDeniedBatch()
    {
        var service = Service();
        var allowed = await service.AppendNodeAsync(Node(Id(1)));
        GraphBatch denied = [Node(Id(2)), Node(Id(3), type: "decision", author: "agent:boss"), Edge(Id(1), Id(2), Id(4), type: "supports"), Note(Id(1), Id(5))];

        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => service.AppendAsync(denied));

        Assert.Equal(ErrorCodes.Forbidden, error.ErrorCode);
        Assert.Equal(("policy-7", "decisions need a manifest"), (error.Details["policyId"], error.Details["rationale"]));
        Assert.Empty(await _store.GetItemsAsync([Id(2), Id(3), Id(4), Id(5)], long.MaxValue));
        Assert.Equal(allowed.Seq + 1, await _store.GetMaxSeqAsync());

        var check = await service.GetNodeAsync(Guid.Parse(error.Details["policyCheckId"]));
        Assert.Equal((WellKnownNodeTypes.PolicyCheck, "policy:policy-7"), (check.Type, check.Author));
        var payload = check.Payload;
        Assert.Equal("deny", payload.GetProperty("decision").GetString());
        Assert.Equal("policy-7", payload.GetProperty("policyId").GetString());
        Assert.Equal("decisions need a manifest", payload.GetProperty("rationale").GetString());
        Assert.Equal(4, payload.GetProperty("deniedCount").GetInt32());
        Assert.Equal(
            """[{"id":"00000000-0000-7000-8000-000000000002","kind":"node","type":"observation"},""" +
            """{"id":"00000000-0000-7000-8000-000000000003","kind":"node","type":"decision"},""" +
            """{"id":"00000000-0000-7000-8000-000000000004","kind":"edge","type":"supports","from":"00000000-0000-7000-8000-000000000001","to":"00000000-0000-7000-8000-000000000002"},""" +
            """{"id":"00000000-0000-7000-8000-000000000005","kind":"annotation","type":"note","targetId":"00000000-0000-7000-8000-000000000001"}]""",
            payload.GetProperty("denied").GetRawText());
        Assert.Equal(["agent:boss", "agent:reviewer", "agent:test"], payload.GetProperty("requestedBy").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Denial_NeverCopiesTheDeniedContent_AndListsAtMostOneHundredItems()
    {
        var service = Service();
        GraphBatch denied = [.. Enumerable.Range(1, 150).Select(i => Node(Id(i), type: "decision", payload: """{"secret":"do-not-record"}"""))];
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => service.AppendAsync(denied));
        var check = await service.GetNodeAsync(Guid.Parse(error.Details["policyCheckId"]));
        Assert.Equal(150, check.Payload.GetProperty("deniedCount").GetInt32());
        Assert.Equal(100, check.Payload.GetProperty("denied").GetArrayLength());
        Assert.DoesNotContain("do-not-record", ToJson(check), StringComparison.Ordinal);
        Assert.Equal(1, await _store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task DeniedIds_StayFree_AndAnAllowedWriteIsNotRecorded()
    {
        var service = Service();
        await Assert.ThrowsAsync<ReasoningGraphException>(() => service.AppendNodeAsync(Node(Id(9), type: "decision")));
        var accepted = await service.AppendNodeAsync(Node(Id(9)));
        Assert.Equal(Id(9), accepted.Id);
        var types = new List<string>();
        await foreach (var item in _store.ReadAllAsync(0, long.MaxValue))
        {
            types.Add(((ReasoningNode)item).Type);
        }

        Assert.Equal([WellKnownNodeTypes.PolicyCheck, "observation"], types);
    }
}
