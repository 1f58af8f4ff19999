using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Audit;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>The snapshot lifecycle on PostgreSQL: pending rows, atomic signing with the audit event, idempotent request ids, rotation.</summary>
[RequiresPostgres]
public sealed class SnapshotStoreTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    /// <summary>Signs with <see cref="PostgresSchema.Signer"/> unless <see cref="Down"/>.</summary>
    private sealed class SwitchableSigner(IDigestSigner inner) : IDigestSigner
    {
        public bool Down { get; set; }

        public string SignerId => inner.SignerId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            Down ? throw new HttpRequestException("connection refused") : inner.SignAsync(digest, cancellationToken);
    }

    private async Task<PostgresGraphStore> GraphAsync(TimeProvider? time = null)
    {
        var store = schema.NewStore(time);
        await store.AppendAsync([Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(2), Id(12)), Note(Id(2), Id(20))]);
        return store;
    }

    [Fact]
    public async Task SignerDown_LeavesAPendingRowNobodyCanRead_ThenRetrySignsItWithItsAuditEvent()
    {
        await using var store = await GraphAsync();
        var signer = new SwitchableSigner(schema.Signer) { Down = true };
        var service = new SnapshotService(store, store.Snapshots, signer, schema.Verifier, options: new SnapshotServiceOptions { RetryAttempts = 1 });
        var error = await Assert.ThrowsAsync<SigningException>(() => service.CreateAsync(new SnapshotRequest { RootIds = [Id(2)], RequestId = "r1" }));
        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);

        var pending = Assert.Single(await store.Snapshots.ListPendingAsync(10));
        Assert.Equal("pending", await schema.ScalarAsync<string>("SELECT status FROM {s}.snapshots WHERE id = @id", ("id", pending.Id)));
        Assert.Equal(0L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.snapshots WHERE document IS NOT NULL OR signature IS NOT NULL"));
        Assert.Equal(ErrorCodes.SnapshotNotReady, (await Assert.ThrowsAsync<ReasoningGraphException>(() => service.GetAsync(pending.Id))).ErrorCode);
        long eventsBefore = await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g", ("g", store.GraphId));

        signer.Down = false;
        Assert.Equal(new SnapshotRetryResult(1, 0, null), await service.RetryPendingAsync());
        var signed = await service.GetAsync(pending.Id);
        Assert.True(new SnapshotVerifier(schema.Verifier).Verify(signed.Document.Span).IsVerified);
        Assert.Equal(pending.SignedBytes.ToArray(), signed.SignedBytes.ToArray());
        Assert.Equal(eventsBefore + 1, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g", ("g", store.GraphId)));
        Assert.Equal(AuditEventTypes.SnapshotCreated, await schema.ScalarAsync<string>(
            "SELECT event_type FROM {s}.audit_events WHERE id = @id", ("id", signed.AuditEventId!.Value)));
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);

        // Writes after the snapshot continue the same chain.
        await store.AppendAsync([Node(Id(3))]);
        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
        Assert.Equal(signed.Id, (await service.CreateAsync(new SnapshotRequest { RootIds = [Id(2)], RequestId = "r1" })).Id);
    }

    [Fact]
    public async Task StoredDocument_IsServedByteForByte()
    {
        await using var store = await GraphAsync();
        var service = new SnapshotService(store, store.Snapshots, schema.Signer);
        var created = await service.CreateAsync(new SnapshotRequest { RootIds = [Id(1), Id(2)], ManifestSignatureId = "manifest-1" });
        var read = await store.Snapshots.GetAsync(created.Id);
        Assert.Equal(created.Document.ToArray(), read!.Document.ToArray());
        Assert.Equal(created.Hash, read.Hash);
        Assert.Equal(created.Signature, read.Signature);
        Assert.Equal([Id(1), Id(2)], read.RootIds);
    }

    [Fact]
    public async Task SignedRow_HoldsTheBytesOnce_AndEveryReadRebuildsTheSignedDocument()
    {
        await using var store = await GraphAsync();
        var service = new SnapshotService(store, store.Snapshots, schema.Signer, schema.Verifier);
        var created = await service.CreateAsync(new SnapshotRequest { RootIds = [Id(2)], RequestId = "once" });
        Assert.True(await schema.ScalarAsync<bool>(
            "SELECT document IS NULL AND octet_length(signed_bytes) = @length FROM {s}.snapshots WHERE id = @id",
            ("id", created.Id), ("length", created.SignedBytes.Length)));
        foreach (var read in new[] { await store.Snapshots.GetAsync(created.Id), await store.Snapshots.GetByRequestIdAsync("once"), await service.GetAsync(created.Id) })
        {
            Assert.Equal(created.Document.ToArray(), read!.Document.ToArray());
            Assert.True(new SnapshotVerifier(schema.Verifier).Verify(read.Document.Span).IsVerified);
        }
    }

    [Fact]
    public async Task ADocumentThatIsNotTheSpliceOfItsSignedBytes_IsStoredWholeAndServedAsSigned()
    {
        await using var store = await GraphAsync();

        // Starts like a snapshot but is not canonical: the signer canonicalizes the whole document, a splice would not.
        byte[] signedBytes = "{\"created_at\":\"2025-11-17T12:00:00Z\",\"b\":1,\"a\":2}"u8.ToArray();
        var pending = new PendingSnapshot
        {
            Id = Guid.CreateVersion7(), RootIds = [Id(1)], Depth = 2, Audience = SnapshotAudience.Operator,
            CreatedAt = new FakeTimeProvider().GetUtcNow(), Actor = "a", SignedBytes = signedBytes,
        };
        await store.Snapshots.PutPendingAsync(pending);
        var document = await new SnapshotDocumentSigner(schema.Signer).SignAsync(signedBytes);
        Assert.NotEqual(
            SnapshotDocumentSigner.AssembleDocument(signedBytes, document.Digest.Span, document.SignerId, document.Signature.Span),
            document.Document.ToArray());

        await store.Snapshots.MarkSignedAsync(pending.Id, document);
        Assert.True(await schema.ScalarAsync<bool>("SELECT document IS NOT NULL FROM {s}.snapshots WHERE id = @id", ("id", pending.Id)));
        Assert.Equal(document.Document.ToArray(), (await store.Snapshots.GetAsync(pending.Id))!.Document.ToArray());
    }

    [Fact]
    public async Task OneRequestId_FromConcurrentServices_YieldsOneSnapshotAndOneAuditEvent()
    {
        await using var store = await GraphAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var own = schema.NewStore(graphId: store.GraphId);
            return await new SnapshotService(own, own.Snapshots, schema.Signer).CreateAsync(new SnapshotRequest { RootIds = [Id(1)], RequestId = "shared" });
        })));
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results.Select(r => Convert.ToBase64String(r.Document.Span)).Distinct());
        Assert.Equal(1L, await schema.ScalarAsync<long>(
            "SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g AND event_type = 'reason.snapshot.created'", ("g", store.GraphId)));
        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task AfterKeyRotation_OldSnapshotsStillVerifyWithTheOldKeyInTheRegistry()
    {
        await using var store = await GraphAsync();
        using var oldKey = LocalEd25519Signer.Generate("k-2025");
        using var newKey = LocalEd25519Signer.Generate("k-2026");
        var before = await new SnapshotService(store, store.Snapshots, oldKey).CreateAsync(new SnapshotRequest { RootIds = [Id(1)] });
        var after = await new SnapshotService(store, store.Snapshots, newKey).CreateAsync(new SnapshotRequest { RootIds = [Id(1)] });
        var both = new SnapshotVerifier(SignerRegistry.For(oldKey, newKey));
        var old = await store.Snapshots.GetAsync(before.Id);
        Assert.True(both.Verify(old!.Document.Span).IsVerified);
        Assert.True(both.Verify(after.Document.Span).IsVerified);
        Assert.Equal(SnapshotVerificationFailure.UnknownSigner, new SnapshotVerifier(SignerRegistry.For(newKey)).Verify(old.Document.Span).Failure);
    }

    [Fact]
    public async Task PutPending_DuplicateSnapshotId_IsAConflict()
    {
        await using var store = await GraphAsync();
        var pending = new PendingSnapshot
        {
            Id = Guid.CreateVersion7(), RootIds = [Id(1)], Depth = 2, Audience = SnapshotAudience.Operator,
            CreatedAt = new FakeTimeProvider().GetUtcNow(), Actor = "a", SignedBytes = "{\"id\":\"x\"}"u8.ToArray(),
        };
        await store.Snapshots.PutPendingAsync(pending);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<ReasoningGraphException>(() => store.Snapshots.PutPendingAsync(pending))).ErrorCode);
        Assert.Null(await store.Snapshots.GetByRequestIdAsync("none"));
    }
}
