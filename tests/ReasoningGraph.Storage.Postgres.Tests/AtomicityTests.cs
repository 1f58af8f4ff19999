using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>A write and its audit events commit together or not at all, whatever kills the transaction.</summary>
[RequiresPostgres]
public sealed class AtomicityTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task ConnectionKilledMidTransaction_LeavesNothing_AndTheStoreRecovers()
    {
        // A trigger stalls the audit insert of one marked write: by then its nodes and edge are inserted in the transaction.
        await schema.ExecuteAsync(
            "CREATE OR REPLACE FUNCTION {s}.stall() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
            "IF NEW.payload->>'actor' = 'agent:stall' THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END $$; " +
            "CREATE TRIGGER stall BEFORE INSERT ON {s}.audit_events FOR EACH ROW EXECUTE FUNCTION {s}.stall()");
        var store = schema.NewStore();
        await store.AppendAsync(new GraphBatch { Node(Id(1)) });

        var write = store.AppendAsync(new GraphBatch { Node(Id(2), author: "agent:stall"), Node(Id(3)), Edge(Id(2), Id(3), Id(4)), Note(Id(1), Id(5)) });
        int pid = 0;
        for (int i = 0; i < 200 && pid == 0; i++)
        {
            await Task.Delay(50);
            pid = await schema.ScalarAsync<int?>(
                "SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '%audit_events%' AND datname = current_database() LIMIT 1") ?? 0;
        }

        Assert.NotEqual(0, pid);
        Assert.Equal(0L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.nodes WHERE id = @id", ("id", Id(2)))); // uncommitted: invisible
        Assert.True(await schema.ScalarAsync<bool>("SELECT pg_terminate_backend(@pid)", ("pid", pid)));

        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => write);
        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
        Assert.True(error.IsTransient);

        Assert.Equal(1, await store.GetMaxSeqAsync());
        Assert.Empty(await store.GetItemsAsync([Id(2), Id(3), Id(4), Id(5)], long.MaxValue));
        Assert.Equal(1L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g", ("g", store.GraphId)));

        // The pool drops the dead connection; the same write succeeds once the stall is gone, and the chain is intact.
        await schema.ExecuteAsync("DROP TRIGGER stall ON {s}.audit_events");
        var retried = await store.AppendAsync(new GraphBatch { Node(Id(2), author: "agent:stall"), Node(Id(3)), Edge(Id(2), Id(3), Id(4)), Note(Id(1), Id(5)) });
        Assert.Equal([2L, 3, 4, 5], retried.Created.Select(c => c.Seq));
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(5, verdict.VerifiedCount);
    }

    [Fact]
    public async Task InlineSigning_SignerFailure_IsSigningFailureAndWritesNothing()
    {
        var options = schema.Options();
        options.AuditSigning = Audit.AuditSigningMode.Inline;
        var store = new PostgresGraphStore(schema.DataSource, options, new FailingSigner());
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.AppendAsync(new GraphBatch { Node(Id(1)), Node(Id(2)) }));
        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.Equal(0, await store.GetMaxSeqAsync());
        Assert.Empty(await store.GetItemsAsync([Id(1)], long.MaxValue));
    }

    [Fact]
    public async Task WithoutASigner_ReadsWorkAndWritesFailClosed()
    {
        var graph = Guid.NewGuid().ToString("N");
        await schema.NewStore(graphId: graph).AppendAsync(new GraphBatch { Node(Id(1)) });
        var unsigned = new PostgresGraphStore(schema.DataSource, schema.Options(graph));
        Assert.Single(await unsigned.GetItemsAsync([Id(1)], long.MaxValue));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => unsigned.AppendAsync(new GraphBatch { Node(Id(2)) }));
        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.Equal(1, await unsigned.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Cancellation_BeforeCommit_WritesNothingAndIsNotAStoreError()
    {
        using var cancel = new CancellationTokenSource();
        var store = schema.NewStore(signer: new CancellingSigner(cancel, schema.Signer));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync(new GraphBatch { Node(Id(1)) }, cancel.Token));
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }


    /// <summary>Cancels the caller's token while the transaction is open, then signs.</summary>
    private sealed class CancellingSigner(CancellationTokenSource cancel, IDigestSigner inner) : IDigestSigner
    {
        public string SignerId => inner.SignerId;

        public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
        {
            await cancel.CancelAsync();
            return await inner.SignAsync(digest, CancellationToken.None);
        }
    }
}
