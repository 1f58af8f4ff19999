using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Tests.Storage;

/// <summary>The embedded store runs the store contract.</summary>
public sealed class InMemoryStoreContractTests : StoreContractTests
{
    protected override Task<IReasoningGraphStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IReasoningGraphStore>(new InMemoryGraphStore(timeProvider: timeProvider));
}
