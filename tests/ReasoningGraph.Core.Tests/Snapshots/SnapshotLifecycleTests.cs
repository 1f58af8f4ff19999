using ReasoningGraph.Audit;
using ReasoningGraph.Snapshots;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>Pending until signed: a failed signer leaves a pending snapshot nobody can read, and a retry finishes it.</summary>
public sealed class SnapshotLifecycleTests
{
    [Fact]
    public async Task SignerDown_LeavesItPending_NotReadable_ThenRetrySignsIt()
    {
        var signer = new FlakySigner { Down = true };
        var fixture = await new SnapshotFixture(signer, options: new SnapshotServiceOptions { RetryAttempts = 1 }).WithChainAsync();
        var request = new SnapshotRequest { RootIds = [Id(3)], RequestId = "r" };
        var error = await Assert.ThrowsAsync<Signing.SigningException>(() => fixture.Service.CreateAsync(request));
        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);

        var pending = Assert.Single(await fixture.Snapshots.ListPendingAsync(10));
        Assert.Equal(SnapshotStatus.Pending, pending.Status);
        Assert.True(pending.Document.IsEmpty);
        Assert.Null(pending.Signature);
        var notReady = await Assert.ThrowsAsync<ReasoningGraphException>(() => fixture.Service.GetAsync(pending.Id));
        Assert.Equal(ErrorCodes.SnapshotNotReady, notReady.ErrorCode);
        Assert.Empty(fixture.Snapshots.AuditEvents);
        Assert.Equal(new SnapshotRetryResult(0, 1, ErrorCodes.SigningFailure), await fixture.Service.RetryPendingAsync());

        signer.Down = false;
        Assert.Equal(new SnapshotRetryResult(1, 0, null), await fixture.Service.RetryPendingAsync());
        var signed = await fixture.Service.GetAsync(pending.Id);
        Assert.True(signed.SignedBytes.Span.SequenceEqual(pending.SignedBytes.Span));
        Assert.True(new SnapshotVerifier(signer).Verify(signed.Document.Span).IsVerified);
        Assert.Empty(await fixture.Snapshots.ListPendingAsync(10));
        Assert.True(new AuditChainVerifier(fixture.AuditSigner).Verify(fixture.Snapshots.AuditEvents).IsValid);

        // The same request id now answers with the finished snapshot.
        Assert.Equal(pending.Id, (await fixture.Service.CreateAsync(request)).Id);
    }

    [Fact]
    public async Task RetryPending_BacksOffAndRetriesUntilTheSignerAnswers()
    {
        var signer = new FlakySigner { Down = true };
        var options = new SnapshotServiceOptions { RetryAttempts = 5, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero };
        var fixture = await new SnapshotFixture(signer, options: options).WithChainAsync();
        await Assert.ThrowsAsync<Signing.SigningException>(() => fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(1)] }));
        await Assert.ThrowsAsync<Signing.SigningException>(() => fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(5)] }));
        signer.Down = false;
        signer.FailuresLeft = 3; // the first pass fails both, the second fails one
        var result = await fixture.Service.RetryPendingAsync();
        Assert.Equal(new SnapshotRetryResult(2, 0, null), result);
        Assert.Equal(2, fixture.Snapshots.AuditEvents.Count);
    }

    [Fact]
    public async Task AuditSignerDown_LeavesItPending()
    {
        var fixture = await new SnapshotFixture().WithChainAsync();
        var snapshots = new ReasoningGraph.Storage.InMemory.InMemorySnapshotStore(new FlakySigner { Down = true });
        var service = new SnapshotService(fixture.Graph.Store, snapshots, fixture.Signer);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => service.CreateAsync(new SnapshotRequest { RootIds = [Id(3)] }));
        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        var pending = Assert.Single(await snapshots.ListPendingAsync(10));
        Assert.Equal(ErrorCodes.SnapshotNotReady, (await Assert.ThrowsAsync<ReasoningGraphException>(() => service.GetAsync(pending.Id))).ErrorCode);
    }

    [Fact]
    public async Task Signature_NotVerifyingWithTheRegistry_IsNeverStoredAsSigned()
    {
        var wrong = new FakeDigestSigner { Override = s => [.. s.Take(63), (byte)(s[63] ^ 1)] };
        var fixture = await new SnapshotFixture(wrong).WithChainAsync();
        await Assert.ThrowsAsync<Signing.SigningException>(() => fixture.Service.CreateAsync(new SnapshotRequest { RootIds = [Id(3)] }));
        Assert.Equal(SnapshotStatus.Pending, Assert.Single(await fixture.Snapshots.ListPendingAsync(10)).Status);
    }
}
