using ReasoningGraph.Audit;
using ReasoningGraph.Controls;
using ReasoningGraph.Errors;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Operator switches on PostgreSQL: durable, shared by every store of the graph, each change one history row and
/// one audit event whose entity hash covers the change record; a signing hold puts pending snapshots on hold, new
/// ones are stored on hold, one signed while the hold was set is put on hold instead of signed, and the release
/// queues them again.
/// </summary>
[RequiresPostgres]
public sealed class GraphControlTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly byte[] SignedBytes = "{\"created_at\":\"2026-12-07T12:00:00Z\",\"id\":\"x\"}"u8.ToArray();

    [Fact]
    public async Task AChange_IsSharedDurableAndAudited_AndRepeatingItRecordsNothing()
    {
        var graph = Guid.NewGuid().ToString("N");
        var a = schema.NewStore(graphId: graph);
        var b = schema.NewStore(graphId: graph);
        Assert.Null((await b.GetControlsAsync()).ReadOnly);

        var on = await a.SetControlAsync(GraphControl.ReadOnly, enabled: true, "  Kernel unreachable (INC-7)  ", "operator:ana");
        Assert.Equal("Kernel unreachable (INC-7)", on.ReadOnly!.Reason);
        Assert.Equal("operator:ana", (await b.GetControlsAsync()).ReadOnly!.Actor);
        Assert.Null(on.SigningHold);
        Assert.Equal(on.ReadOnly.AuditEventId, (await a.SetControlAsync(GraphControl.ReadOnly, enabled: true, "again", "operator:bo")).ReadOnly!.AuditEventId);

        var off = await b.SetControlAsync(GraphControl.ReadOnly, enabled: false, "Kernel back", "operator:bo");
        Assert.Null(off.ReadOnly);

        var events = new List<AuditEvent>();
        await foreach (var e in a.ReadAuditEventsAsync())
        {
            events.Add(e);
        }

        Assert.Equal([AuditEventTypes.ReadOnlyEnabled, AuditEventTypes.ReadOnlyDisabled], events.Select(e => e.EventType));
        var verdict = await a.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(0, verdict.PendingSignatureCount);

        // The event's entity hash is the SHA-256 of the change record kept in the history table.
        var row = await schema.ScalarAsync<string>(
            "SELECT json_build_object('actor', actor, 'control', control, 'enabled', enabled, 'id', id, 'reason', reason)::text " +
            "FROM {s}.graph_control_changes WHERE graph_id = @g AND audit_event_id = @e", ("g", graph), ("e", on.ReadOnly.AuditEventId));
        Assert.Contains("\"reason\" : \"Kernel unreachable (INC-7)\"", row, StringComparison.Ordinal);
        using var payload = System.Text.Json.JsonDocument.Parse(events[0].Payload);
        Assert.Equal("operator:ana", payload.RootElement.GetProperty("actor").GetString());
        Assert.Equal(2L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.graph_control_changes WHERE graph_id = @g", ("g", graph)));
    }

    [Fact]
    public async Task ABlankReason_IsRefusedAndChangesNothing()
    {
        var store = schema.NewStore();
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.SetControlAsync(GraphControl.SigningHold, enabled: true, " ", "operator:ana"));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Null((await store.GetControlsAsync()).SigningHold);
        Assert.Equal(0L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g", ("g", store.GraphId)));
    }

    [Fact]
    public async Task SigningHold_PutsPendingOnHold_NewOnesAreStoredOnHold_ASigningInFlightIsHeld_AndReleaseQueuesThemAll()
    {
        var store = schema.NewStore();
        await store.AppendAsync([Node(Id(1))]);
        var before = Pending(Guid.CreateVersion7());
        await store.Snapshots.PutPendingAsync(before);
        var signedBeforeHold = await new SnapshotDocumentSigner(schema.Signer).SignAsync(SignedBytes);

        await store.SetControlAsync(GraphControl.SigningHold, enabled: true, "canonicalization mismatch", "operator:ana");
        Assert.Equal(SnapshotStatus.OnHold, (await store.Snapshots.GetAsync(before.Id))!.Status);
        Assert.Empty(await store.Snapshots.ListPendingAsync(10));

        var during = await store.Snapshots.PutPendingAsync(Pending(Guid.CreateVersion7()));
        Assert.Equal(SnapshotStatus.OnHold, during.Status);

        // A signature made before the hold is discarded: the snapshot stays on hold, nothing is published or audited.
        var inFlight = await store.Snapshots.MarkSignedAsync(before.Id, signedBeforeHold);
        Assert.Equal(SnapshotStatus.OnHold, inFlight.Status);
        Assert.Equal(0L, await schema.ScalarAsync<long>(
            "SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g AND event_type = 'reason.snapshot.created'", ("g", store.GraphId)));
        var backlog = await store.Snapshots.GetBacklogAsync();
        Assert.Equal((0L, 2L), (backlog.Pending, backlog.OnHold));

        await store.SetControlAsync(GraphControl.SigningHold, enabled: false, "fixed in 1.4.2", "operator:ana");
        var pending = await store.Snapshots.ListPendingAsync(10);
        Assert.Equal([before.Id, during.Id], pending.Select(p => p.Id).Order());
        Assert.Equal(SnapshotStatus.Signed, (await store.Snapshots.MarkSignedAsync(before.Id, signedBeforeHold)).Status);
        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task SignerDown_AChangeIsStillRecorded_ItsSignaturePendingLikeAWrite()
    {
        var store = schema.NewStore(signer: new FailingSigner());
        var state = await store.SetControlAsync(GraphControl.ReadOnly, enabled: true, "Kernel unreachable", "operator:ana");
        Assert.NotNull(state.ReadOnly);
        Assert.Equal(1, (await store.GetAuditStatusAsync()).PendingSignatures);
    }

    private static PendingSnapshot Pending(Guid id) => new()
    {
        Id = id, RootIds = [Id(1)], Depth = 1, Audience = SnapshotAudience.Operator, CreatedAt = TimeProvider.System.GetUtcNow(), Actor = "a", SignedBytes = SignedBytes,
    };
}
