using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Deferred audit signatures (the default): a write whose signer fails or misses the budget commits its events with
/// the signature pending; <see cref="PostgresGraphStore.SignPendingAsync"/> fills them in later without changing
/// anything else, claims disjoint events when several processes run it, and leaves them pending while the signer fails.
/// </summary>
[RequiresPostgres]
public sealed class DeferredSigningTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task SignerDown_WritesCommitPending_ThenASignerFillsThem_AndTheChainVerifiesInFull()
    {
        var graph = Guid.NewGuid().ToString("N");
        var down = schema.NewStore(graphId: graph, signer: new FailingSigner());
        var created = await down.AppendAsync(new GraphBatch { Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(2), Id(3)) });
        Assert.Equal(3, created.Created.Count);
        var pending = await down.GetAuditStatusAsync();
        Assert.Equal(3, pending.PendingSignatures);
        Assert.NotNull(pending.OldestPending);

        var hashesBefore = await HashesAsync(down);
        var failed = await Assert.ThrowsAsync<ReasoningGraphException>(() => down.SignPendingAsync(100));
        Assert.Equal(ErrorCodes.SigningFailure, failed.ErrorCode);
        Assert.Equal(3, (await down.GetAuditStatusAsync()).PendingSignatures);
        var partial = await down.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(partial.IsValid, partial.Message);
        Assert.Equal(3, partial.PendingSignatureCount);

        var up = schema.NewStore(graphId: graph);
        Assert.Equal(2, await up.SignPendingAsync(2)); // oldest first, at most the batch
        Assert.Equal(1, await up.SignPendingAsync(100));
        Assert.Equal(0, await up.SignPendingAsync(100));
        var pendingAfter = await up.GetAuditStatusAsync();
        Assert.Equal(0, pendingAfter.PendingSignatures);
        Assert.Null(pendingAfter.OldestPending);
        var verdict = await up.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(0, verdict.PendingSignatureCount);
        Assert.Equal(hashesBefore, await HashesAsync(up));
    }

    [Fact]
    public async Task SlowSigner_MissesTheBudgetOnce_ThenWritesStopWaitingUntilPendingEventsAreSigned()
    {
        var graph = Guid.NewGuid().ToString("N");
        var slow = new SlowSigner(schema.Signer, TimeSpan.FromSeconds(5));
        var options = schema.Options(graph);
        options.InlineSigningBudget = TimeSpan.FromMilliseconds(50);
        var store = new PostgresGraphStore(schema.DataSource, options, slow);
        await store.AppendAsync(new GraphBatch { Node(Id(1)) });
        int callsAfterMiss = slow.Calls;
        for (int i = 2; i <= 6; i++)
        {
            await store.AppendAsync(new GraphBatch { Node(Id(i)) });
        }

        Assert.Equal(callsAfterMiss, slow.Calls); // no write waited for the signer after the miss
        Assert.Equal(6, (await store.GetAuditStatusAsync()).PendingSignatures);

        slow.Delay = TimeSpan.Zero;
        Assert.Equal(6, await store.SignPendingAsync(100));
        await store.AppendAsync(new GraphBatch { Node(Id(7)) });
        Assert.Equal(0, (await store.GetAuditStatusAsync()).PendingSignatures); // signed inline again
        Assert.True((await store.VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task ConcurrentSignersOfPendingEvents_SignEachExactlyOnce()
    {
        var graph = Guid.NewGuid().ToString("N");
        var down = schema.NewStore(graphId: graph, signer: new FailingSigner());
        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => down.AppendAsync(new GraphBatch { Node(Id(i)) })));
        Assert.Equal(40, (await down.GetAuditStatusAsync()).PendingSignatures);

        var counting = new CountingSigner(schema.Signer);
        var workers = Enumerable.Range(0, 4).Select(_ => new PostgresGraphStore(schema.DataSource, schema.Options(graph), counting)).ToList();
        var signed = await Task.WhenAll(workers.Select(async w =>
        {
            int total = 0, batch;
            while ((batch = await w.SignPendingAsync(3)) > 0)
            {
                total += batch;
            }

            return total;
        }));

        Assert.Equal(40, signed.Sum());
        Assert.Equal(40, counting.Calls);
        Assert.True((await workers[0].VerifyAuditChainAsync(schema.Verifier)).IsValid);
    }

    [Fact]
    public async Task InlineMode_NeverLeavesASignaturePending()
    {
        var options = schema.Options();
        options.AuditSigning = AuditSigningMode.Inline;
        options.InlineSigningBudget = TimeSpan.FromMilliseconds(1);
        var slow = new SlowSigner(schema.Signer, TimeSpan.FromMilliseconds(100));
        var store = new PostgresGraphStore(schema.DataSource, options, slow);
        await store.AppendAsync(new GraphBatch { Node(Id(1)), Node(Id(2)) });
        Assert.Equal(0, (await store.GetAuditStatusAsync()).PendingSignatures);
    }

    private static async Task<List<string>> HashesAsync(PostgresGraphStore store)
    {
        var hashes = new List<string>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            hashes.Add(e.Hash + "/" + e.PrevHash + "/" + e.CreatedAt.UtcTicks);
        }

        return hashes;
    }


    private sealed class SlowSigner(IDigestSigner inner, TimeSpan delay) : IDigestSigner
    {
        private int _calls;

        public TimeSpan Delay { get; set; } = delay;

        public int Calls => Volatile.Read(ref _calls);

        public string SignerId => inner.SignerId;

        public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(Delay, cancellationToken);
            return await inner.SignAsync(digest, cancellationToken);
        }
    }

    private sealed class CountingSigner(IDigestSigner inner) : IDigestSigner
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string SignerId => inner.SignerId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return inner.SignAsync(digest, cancellationToken);
        }
    }
}
