using ReasoningGraph.Model;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Theory]
    [InlineData("from")]
    [InlineData("to")]
    public async Task Append_EdgeWithAMissingEndpoint_IsNotFoundNamingTheFieldAndWritesNothing(string field)
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)));
        var edge = field == "from" ? Edge(Id(99), Id(2), Id(3)) : Edge(Id(2), Id(99), Id(3));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(2)), edge));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
        Assert.Equal(field, error.Details["field"]);
        Assert.Equal(Id(99).ToString(), error.Details["id"]);
        Assert.Equal(1, await store.GetMaxSeqAsync());
        Assert.Empty(await store.GetItemsAsync([Id(2)], long.MaxValue));
    }

    [Fact]
    public async Task Append_EdgeMayReferenceOnlyNodesEarlierInTheBatch()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Edge(Id(1), Id(1), Id(2)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Edge(Id(1), Id(3), Id(4)), Node(Id(3))));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
        Assert.Equal("to", error.Details["field"]);
    }

    [Fact]
    public async Task Append_EdgeEndpointMustBeANode()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Edge(Id(1), Id(1), Id(2)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Edge(Id(1), Id(2), Id(3))));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Append_AnnotationTargetMustExistAsTheStatedKind()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Edge(Id(1), Id(1), Id(2)));
        await AppendAsync(store, Note(Id(2), targetType: AnnotationTargetType.Edge), Note(Id(1)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Note(Id(2), targetType: AnnotationTargetType.Node)));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
        Assert.Equal("targetId", error.Details["field"]);
    }

    [Fact]
    public async Task Append_AcceptsSelfLoopsAndCycles()
    {
        var store = await NewStoreAsync();
        var result = await AppendAsync(store, Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(1)), Edge(Id(1), Id(2)), Edge(Id(2), Id(1)));
        Assert.Equal(5, result.Created.Count);
    }

    [Fact]
    public async Task Append_WithoutIds_IsRejectedAsMisuse()
    {
        var store = await NewStoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => AppendAsync(store, Node()));
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }
}
