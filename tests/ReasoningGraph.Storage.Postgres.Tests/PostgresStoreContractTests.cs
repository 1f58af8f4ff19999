using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Tests.Storage;
using static ReasoningGraph.Tests.Support.Items;

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

    [Theory]
    [InlineData("node", "author")]
    [InlineData("edge", "type")]
    [InlineData("annotation", "annotationType")]
    public async Task Append_NulInATextField_IsInvalidPayloadWithTheExactMessageAndDetails(string kind, string field)
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)));
        GraphItemInput bad = kind switch
        {
            "node" => Node(Id(3), author: "agent:\0"),
            "edge" => Edge(Id(1), Id(1), Id(3), type: "cau\0sal"),
            _ => Note(Id(1), Id(3), type: "no\0te"),
        };
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(2)), bad));
        AssertError(error, ErrorCodes.InvalidPayload, $"{field} contains a NUL character, which PostgreSQL text cannot hold.",
            ("field", field), ("index", "1"), ("id", Id(3).ToString()));
        Assert.Equal(1, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Append_UnhashablePayload_IsInvalidPayloadWithTheExactMessageAndDetails()
    {
        var store = await NewStoreAsync();
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(1)), Node(Id(2), payload: "{\"a\":1,\"a\":2}")));
        AssertError(error, ErrorCodes.InvalidPayload, "The item cannot be canonicalized (duplicate-key), so it cannot be hashed and audited.",
            ("field", "payload"), ("index", "1"), ("id", Id(2).ToString()));
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Append_ReplayOfAnUnhashablePayload_IsInvalidPayloadWithTheExactMessageAndDetails()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(1), payload: "{\"a\":1,\"a\":2}")));
        AssertError(error, ErrorCodes.InvalidPayload, "The item cannot be canonicalized (duplicate-key), so it cannot be hashed and audited.",
            ("field", "payload"), ("index", "0"), ("id", Id(1).ToString()));
    }
}
