using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Snapshots;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Snapshots;

public sealed class SnapshotServiceTests
{
    private static JsonElement Payload(StoredSnapshot snapshot) => JsonDocument.Parse(snapshot.Document).RootElement.GetProperty("payload").Clone();

    private static string[] Ids(JsonElement payload, string member) => [.. payload.GetProperty(member).EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    [Theory]
    [InlineData(0, new[] { 3 }, new int[0])]
    [InlineData(1, new[] { 2, 3, 4 }, new[] { 2003, 3004 })]
    [InlineData(2, new[] { 1, 2, 3, 4, 5 }, new[] { 1002, 2003, 3004, 4005 })]
    public async Task Create_CollectsBothDirectionsToTheDepth_SortedById(int depth, int[] nodes, int[] edges)
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        var snapshot = await fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(3)], Depth = depth });
        var payload = Payload(snapshot);
        Assert.Equal(nodes.Select(n => Id(n).ToString()), Ids(payload, "nodes"));
        Assert.Equal(edges.Select(n => Id(n).ToString()), Ids(payload, "edges"));
        var expectedNotes = new List<string>();
        if (nodes.Contains(2))
        {
            expectedNotes.Add(Id(900).ToString());
        }

        if (edges.Contains(3004))
        {
            expectedNotes.Add(Id(901).ToString());
        }

        Assert.Equal(expectedNotes, Ids(payload, "annotations"));
        Assert.Equal("operator", payload.GetProperty("audience").GetString());
        Assert.False(payload.GetProperty("pii_included").GetBoolean());
        Assert.Equal("none", payload.GetProperty("pii_policy_version").GetString());
    }

    [Fact]
    public async Task Create_DefaultDepthIsTwo_AndTheDocumentVerifies()
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        var snapshot = await fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(3)] });
        Assert.Equal(5, Payload(snapshot).GetProperty("nodes").GetArrayLength());
        Assert.Equal(SnapshotStatus.Signed, snapshot.Status);
        var verdict = new SnapshotVerifier((FakeDigestSigner)fixture.Signer).Verify(snapshot.Document.Span);
        Assert.True(verdict.IsVerified, verdict.Message);
        Assert.Equal(snapshot.Hash, verdict.ComputedHash);
        Assert.Same(snapshot, await fixture.Service.GetAsync(snapshot.Id));
    }

    [Fact]
    public async Task Create_AppendsOneSignedSnapshotAuditEvent()
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        var first = await fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(1)], Actor = "agent:auditor" });
        var second = await fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(5)] });
        var events = fixture.Snapshots.AuditEvents;
        Assert.Equal(2, events.Count);
        Assert.Equal([first.AuditEventId!.Value, second.AuditEventId!.Value], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(AuditEventTypes.SnapshotCreated, e.EventType));
        var payload = JsonDocument.Parse(events[0].Payload).RootElement;
        Assert.Equal(first.Id.ToString(), payload.GetProperty("entityId").GetString());
        Assert.Equal(first.Hash, payload.GetProperty("entityHash").GetString());
        Assert.Equal("agent:auditor", payload.GetProperty("actor").GetString());
        var verdict = new AuditChainVerifier(fixture.AuditSigner).Verify(events);
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public async Task Auditor_WithoutExportPii_IsForbiddenAndStoresNothing()
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() =>
            fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(3)], Audience = SnapshotAudience.Auditor }));
        Assert.Equal(ErrorCodes.Forbidden, error.ErrorCode);
        Assert.Empty(await fixture.Snapshots.ListPendingAsync(10));
        Assert.Empty(fixture.Snapshots.AuditEvents);
    }

    [Fact]
    public async Task BadRequests_FailWithStableCodes()
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        async Task<string> Code(SnapshotRequest request) =>
            (await Assert.ThrowsAsync<ReasoningGraphException>(() => fixture.Service.CreateAsync(request))).ErrorCode;
        Assert.Equal(ErrorCodes.NotFound, await Code(new SnapshotRequest { RootIds = [Id(3), Id(77)] }));
        Assert.Equal(ErrorCodes.NotFound, await Code(new SnapshotRequest { RootIds = [Id(3004)] }));
        Assert.Equal(ErrorCodes.InvalidPayload, await Code(new SnapshotRequest { RootIds = [] }));
        Assert.Equal(ErrorCodes.InvalidPayload, await Code(new SnapshotRequest { RootIds = [Id(3)], Depth = -1 }));
        Assert.Equal(ErrorCodes.InvalidPayload, await Code(new SnapshotRequest { RootIds = [Id(3)], Depth = 17 }));
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<ReasoningGraphException>(() => fixture.Service.GetAsync(Id(3)))).ErrorCode);
        Assert.Empty(await fixture.Snapshots.ListPendingAsync(10));
    }

    [Fact]
    public async Task SameRequestId_YieldsTheSameSnapshot_AndOtherContentUnderItConflicts()
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        var request = new SnapshotRequest { RootIds = [Id(3)], RequestId = "req-1" };
        var first = await fixture.Service.CreateAsync(request);
        fixture.Graph.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await fixture.Service.CreateAsync(request);
        Assert.Equal(first.Id, again.Id);
        Assert.True(first.Document.Span.SequenceEqual(again.Document.Span));
        Assert.Single(fixture.Snapshots.AuditEvents);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() =>
            fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(4)], RequestId = "req-1" }));
        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneRequestId_YieldOneSnapshot()
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(2)], RequestId = "same" }))));
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(fixture.Snapshots.AuditEvents);
    }
}
