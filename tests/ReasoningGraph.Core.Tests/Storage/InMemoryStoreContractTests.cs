using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

/// <summary>The embedded store runs the store contract.</summary>
public sealed class InMemoryStoreContractTests : StoreContractTests
{
    protected override Task<IReasoningGraphStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IReasoningGraphStore>(new InMemoryGraphStore(timeProvider: timeProvider));

    [Fact]
    public async Task Append_UnhashablePayload_IsStoredBecauseNothingIsAudited()
    {
        var store = await NewStoreAsync();
        var result = await AppendAsync(store, Node(Id(1), payload: "{\"a\":1,\"a\":2}"));
        Assert.Single(result.Created);
    }

    [Fact]
    public async Task Append_ReplayOfAnUnhashablePayload_ThrowsTheCanonicalizationError()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)));
        var error = await Assert.ThrowsAsync<CanonicalizationException>(() => AppendAsync(store, Node(Id(1), payload: "{\"a\":1,\"a\":2}")));
        Assert.Equal(ErrorCodes.CanonicalizationError, error.ErrorCode);
        Assert.Equal(CanonicalJsonError.DuplicateKey, error.Reason);
    }
}
