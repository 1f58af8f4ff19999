using System.Diagnostics;
using Npgsql;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>An unreachable or unresponsive database is STORE_UNAVAILABLE within the configured timeout; the store recovers.</summary>
[RequiresPostgres]
public sealed class FailureTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task AnOutage_IsLoggedOncePerInterval_WithTheReasonAndACount_NotAStackTracePerCall()
    {
        var options = schema.Options();
        options.ConnectionString = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = 1 }.ConnectionString;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logger = new RecordingLogger<PostgresGraphStore>();
        await using var store = new PostgresGraphStore(options, schema.Signer, time, logger);

        for (int i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<ReasoningGraphException>(async () => await store.GetMaxSeqAsync());
        }

        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<ReasoningGraphException>(async () => await store.GetMaxSeqAsync());

        var lines = logger.Lines.Where(l => l.EventId == 3004).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.False(l.HasException));
        Assert.Contains("(1 failed calls", lines[0].Message, StringComparison.Ordinal);
        Assert.Contains("(20 failed calls", lines[1].Message, StringComparison.Ordinal);
        Assert.Contains("store-degraded-restore.md", lines[0].Message, StringComparison.Ordinal);
    }

    private PostgresGraphStore StoreVia(TcpProxy proxy, string? graph = null, int connectTimeoutSeconds = 2)
    {
        var options = schema.Options(graph);
        options.ConnectionString = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        options.ConnectTimeout = TimeSpan.FromSeconds(connectTimeoutSeconds);
        return new PostgresGraphStore(options, schema.Signer);
    }

    private TcpProxy Proxy(bool blackHole = false)
    {
        var target = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        return new TcpProxy(target.Host ?? "127.0.0.1", target.Port, blackHole);
    }

    private static async Task<TimeSpan> AssertUnavailableAsync(Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(operation);
        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
        Assert.True(error.IsTransient);
        return clock.Elapsed;
    }

    [Fact]
    public async Task ServerDown_EveryOperationIsStoreUnavailable()
    {
        await using var proxy = Proxy();
        proxy.Stop();
        await using var store = StoreVia(proxy);
        var operations = new Func<Task>[]
        {
            async () => await store.GetMaxSeqAsync(),
            () => store.AppendAsync(new GraphBatch { Node(Id(1)) }),
            () => store.GetItemsAsync([Id(1)], 1),
            () => store.GetFrontierAsync(new FrontierRequest { NodeIds = [Id(1)], Direction = TraversalDirection.Ancestors, AsOf = 1 }),
            () => store.GetAnnotationsAsync([Id(1)], 1),
            () => store.QueryNodesAsync(Storage.NodeFilter.All, 0, 1, 10),
            async () => { await foreach (var _ in store.ReadAllAsync(0, 1)) { } },
            async () => { await foreach (var _ in store.ReadAuditEventsAsync()) { } },
            () => store.ImportAsync(AsyncItems(Node(Id(1)))),
        };
        foreach (var operation in operations)
        {
            Assert.True(await AssertUnavailableAsync(operation) < TimeSpan.FromSeconds(5));
        }

        var options = schema.Options();
        options.ConnectionString = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var migrator = new PostgresMigrator(options);
        await AssertUnavailableAsync(() => migrator.MigrateAsync());
    }

    [Fact]
    public async Task UnresponsiveServer_IsStoreUnavailableWithinTheConnectTimeout()
    {
        await using var proxy = Proxy(blackHole: true);
        await using var store = StoreVia(proxy, connectTimeoutSeconds: 1);
        var elapsed = await AssertUnavailableAsync(() => store.AppendAsync(new GraphBatch { Node(Id(1)) }));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task ServerGoesAwayAndReturns_TheStoreRecoversWithAnIntactChain()
    {
        await using var proxy = Proxy();
        await using var store = StoreVia(proxy);
        await store.AppendAsync(new GraphBatch { Node(Id(1)) });
        await store.GetItemsAsync([Id(1)], long.MaxValue); // leaves idle connections in the pool

        proxy.Stop();
        await AssertUnavailableAsync(() => store.AppendAsync(new GraphBatch { Node(Id(2)) }));
        await AssertUnavailableAsync(async () => await store.GetMaxSeqAsync());

        proxy.Start();
        var result = await store.AppendAsync(new GraphBatch { Node(Id(2)) });
        Assert.Equal(2, Assert.Single(result.Created).Seq);
        Assert.Equal(2, (await store.GetItemsAsync([Id(1), Id(2)], long.MaxValue)).Count);
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(2, verdict.VerifiedCount);
    }

    [Fact]
    public async Task IdlePooledConnectionsCutWhileNobodyWasWriting_DoNotFailTheFirstCallAfterRecovery()
    {
        await using var proxy = Proxy();
        await using var store = StoreVia(proxy);
        await store.AppendAsync(new GraphBatch { Node(Id(1)) });
        proxy.Stop();
        proxy.Start();
        Assert.Equal(2, Assert.Single((await store.AppendAsync(new GraphBatch { Node(Id(2)) })).Created).Seq);
        proxy.Stop();
        proxy.Start();
        Assert.Equal(2, (await store.GetItemsAsync([Id(1), Id(2)], long.MaxValue)).Count);
        proxy.Stop();
        proxy.Start();
        Assert.Equal(2, await store.GetMaxSeqAsync());
    }

    private static async IAsyncEnumerable<GraphItemInput> AsyncItems(params GraphItemInput[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
