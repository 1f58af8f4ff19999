using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Tests.Storage;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL store runs the store contract. Each test's stores are new graphs in this class's schema; after
/// each test, every graph it wrote must have a valid audit chain with exactly one event per stored item.
/// </summary>
[RequiresPostgres]
public sealed class PostgresStoreContractTests(PostgresSchema schema) : StoreContractTests, IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private readonly List<PostgresGraphStore> _stores = [];

    protected override Task<IReasoningGraphStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        var store = schema.NewStore(timeProvider);
        _stores.Add(store);
        return Task.FromResult<IReasoningGraphStore>(store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
            Assert.True(verdict.IsValid, $"graph {store.GraphId}: {verdict.FailureReason} {verdict.Message}");
            Assert.Equal(await store.GetMaxSeqAsync(), verdict.VerifiedCount);
        }
    }
}
