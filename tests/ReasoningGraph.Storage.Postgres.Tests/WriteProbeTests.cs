using Npgsql;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage.Postgres.Tests.Support;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// <see cref="PostgresWriteProbe.ProbeAsync"/> on a server without replication: the commit is immediate and
/// leaves no trace in the graph or its audit chain; a session that takes no writes is <c>STORE_UNAVAILABLE</c>, as a
/// write would be. A commit blocked by synchronous replication is drilled on the Patroni pair
/// (<c>ReasoningGraph.Host.Tests/Ha/StrictSynchronousModeDrillTests</c>).
/// </summary>
[RequiresPostgres]
public sealed class WriteProbeTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task ProbeWrite_CommitsWithinTheBound_AndTouchesNeitherTheGraphNorItsAuditChain()
    {
        var store = schema.NewStore();
        long lsnBefore = await WalPositionAsync();

        var result = await new PostgresWriteProbe(store).ProbeAsync(TimeSpan.FromSeconds(5));

        Assert.True(result.Committed);
        Assert.InRange(result.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Null(result.WaitEvent);
        Assert.False(result.WaitsForSynchronousReplication);
        Assert.True(await WalPositionAsync() > lsnBefore, "the probe wrote no WAL, so it could not wait for a standby");
        Assert.Equal(0, await store.GetMaxSeqAsync());
        Assert.Equal(0L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.graph_heads WHERE graph_id = @g", ("g", store.GraphId)));
        Assert.Equal(0L, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g", ("g", store.GraphId)));
    }

    [Fact]
    public async Task ProbeWrite_OnASessionThatTakesNoWrites_IsStoreUnavailable()
    {
        var readOnly = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Options = "-c default_transaction_read_only=on" };
        var options = schema.Options();
        options.ConnectionString = readOnly.ConnectionString;
        await using var store = new PostgresGraphStore(options);

        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => new PostgresWriteProbe(store).ProbeAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeWrite_RefusesABoundThatIsNotPositive()
    {
        var store = schema.NewStore();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new PostgresWriteProbe(store).ProbeAsync(TimeSpan.Zero));
    }

    private Task<long> WalPositionAsync() => schema.ScalarAsync<long>("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint");
}
