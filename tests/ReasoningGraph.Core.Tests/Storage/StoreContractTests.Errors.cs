using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

/// <summary>
/// The exact errors of a write: code, message and details (with their order) are part of the wire format (the
/// host's error envelope), so every store must build them alike.
/// </summary>
public abstract partial class StoreContractTests
{
    /// <summary>The message of a <c>CONFLICT</c> on <paramref name="id"/>.</summary>
    protected virtual string ConflictMessage(Guid id) => $"An item with id {id} already exists with different content or as another kind.";

    [Fact]
    public async Task Conflict_SameIdDifferentContent_HasTheExactMessageAndDetails()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1), payload: "{\"a\":1}"));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(5)), Node(Id(1), payload: "{\"a\":2}")));
        AssertError(error, ErrorCodes.Conflict, ConflictMessage(Id(1)), ("field", "id"), ("index", "1"), ("id", Id(1).ToString()));
    }

    [Fact]
    public async Task Conflict_SameIdOtherKind_HasTheExactMessageAndDetails()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Node(Id(2)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(3)), Node(Id(4)), Edge(Id(1), Id(2), Id(1))));
        AssertError(error, ErrorCodes.Conflict, ConflictMessage(Id(1)), ("field", "id"), ("index", "2"), ("id", Id(1).ToString()));
    }

    [Fact]
    public async Task Conflict_WithinOneBatch_HasTheExactMessageAndDetails()
    {
        var store = await NewStoreAsync();
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(2)), Node(Id(2), type: "decision")));
        AssertError(error, ErrorCodes.Conflict, ConflictMessage(Id(2)), ("field", "id"), ("index", "1"), ("id", Id(2).ToString()));
    }

    [Theory]
    [InlineData("from")]
    [InlineData("to")]
    public async Task NotFound_DanglingEdgeEndpoint_HasTheExactMessageAndDetails(string field)
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)));
        var edge = field == "from" ? Edge(Id(99), Id(1), Id(3)) : Edge(Id(1), Id(99), Id(3));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(2)), edge));
        AssertError(error, ErrorCodes.NotFound, $"{field}: no node with id {Id(99)} exists in the store or earlier in the batch.",
            ("field", field), ("index", "1"), ("id", Id(99).ToString()));
    }

    [Fact]
    public async Task NotFound_EdgeEndpointThatIsAnEdge_HasTheExactMessageAndDetails()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Edge(Id(1), Id(1), Id(2)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Edge(Id(2), Id(1), Id(3))));
        AssertError(error, ErrorCodes.NotFound, $"from: no node with id {Id(2)} exists in the store or earlier in the batch.",
            ("field", "from"), ("index", "0"), ("id", Id(2).ToString()));
    }

    [Theory]
    [InlineData(AnnotationTargetType.Node, "node")]
    [InlineData(AnnotationTargetType.Edge, "edge")]
    public async Task NotFound_AnnotationTarget_HasTheExactMessageAndDetails(AnnotationTargetType targetType, string kind)
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Edge(Id(1), Id(1), Id(2)));
        var target = targetType == AnnotationTargetType.Node ? Id(2) : Id(1);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(3)), Node(Id(4)), Note(target, Id(5), targetType: targetType)));
        AssertError(error, ErrorCodes.NotFound, $"targetId: no {kind} with id {target} exists in the store or earlier in the batch.",
            ("field", "targetId"), ("index", "2"), ("id", target.ToString()));
        Assert.Equal(2, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Append_WithoutAnId_NamesItsIndex()
    {
        var store = await NewStoreAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AppendAsync(store, Node(Id(1)), Node()));
        Assert.StartsWith("The input at index 1 has no id; assign ids before appending.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }

    /// <summary>Asserts the exact type, code, message, details (in order) and that no inner exception is exposed.</summary>
    protected static void AssertError(ReasoningGraphException error, string code, string message, params (string Key, string Value)[] details)
    {
        Assert.Equal(typeof(ReasoningGraphException), error.GetType());
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.Message);
        Assert.Equal(details.Select(d => KeyValuePair.Create(d.Key, d.Value)), error.Details);
        Assert.Null(error.InnerException);
    }
}
