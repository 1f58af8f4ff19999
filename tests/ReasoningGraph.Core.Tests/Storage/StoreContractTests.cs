using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IReasoningGraphStore"/> must have. An implementation's test class derives
/// from this and supplies <see cref="CreateStoreAsync"/>; each call must return a new, empty store.
/// </summary>
public abstract partial class StoreContractTests
{
    protected static readonly DateTimeOffset Start = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A new, empty store that takes its time from <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IReasoningGraphStore> CreateStoreAsync(TimeProvider timeProvider);

    protected Task<IReasoningGraphStore> NewStoreAsync() => CreateStoreAsync(Time);

    protected static async Task<AppendResult> AppendAsync(IReasoningGraphStore store, params GraphItemInput[] items) =>
        await store.AppendAsync(new GraphBatch(items));

    protected static async Task<List<GraphItem>> AllAsync(IReasoningGraphStore store)
    {
        var items = new List<GraphItem>();
        await foreach (var item in store.ReadAllAsync(0, long.MaxValue))
        {
            items.Add(item);
        }

        return items;
    }

    [Fact]
    public async Task EmptyStore_HasMaxSeqZero()
    {
        var store = await NewStoreAsync();
        Assert.Equal(0, await store.GetMaxSeqAsync());
        Assert.Empty(await AllAsync(store));
    }

    [Fact]
    public async Task NewStores_ShareNothing()
    {
        var first = await NewStoreAsync();
        var second = await NewStoreAsync();
        await AppendAsync(first, Node(Id(1), payload: "{\"a\":1}"));
        await AppendAsync(second, Node(Id(1), payload: "{\"a\":2}"));
        Assert.Empty(await second.GetItemsAsync([Id(2)], long.MaxValue));
        Assert.Equal(1, await second.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Append_AssignsStrictlyIncreasingSeqInBatchOrder()
    {
        var store = await NewStoreAsync();
        var first = await AppendAsync(store, Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(2), Id(3)));
        var second = await AppendAsync(store, Node(Id(4)));
        var seqs = first.Items.Concat(second.Items).Select(i => i.Seq).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.True(seqs[0] > 0);
        Assert.Equal(seqs[^1], await store.GetMaxSeqAsync());
        Assert.Equal(first.Items, first.Created);
    }

    [Fact]
    public async Task Append_AssignsStoreTimeInUtcAtMicrosecondPrecision()
    {
        var store = await NewStoreAsync();
        Time.SetUtcNow(Start.AddTicks(1_234_567));
        var result = await AppendAsync(store, Node(Id(1)));
        Assert.Equal(Start.AddTicks(1_234_560), result.Items[0].CreatedAt);
        Assert.Equal(TimeSpan.Zero, result.Items[0].CreatedAt.Offset);
    }

    [Fact]
    public async Task Append_KeepsTheCreatedAtAnImportCarries()
    {
        var store = await NewStoreAsync();
        var carried = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(10);
        var result = await AppendAsync(store, Node(Id(1), createdAt: carried));
        Assert.Equal(carried, result.Items[0].CreatedAt);
        var read = Assert.Single(await store.GetItemsAsync([Id(1)], long.MaxValue));
        Assert.Equal(carried.ToUniversalTime(), read.CreatedAt);
    }

    [Fact]
    public async Task Append_PreservesEveryField()
    {
        var store = await NewStoreAsync();
        var node = new NodeInput
        {
            Id = Id(1), Type = "decision", Author = "agent:a", Payload = Json("{\"reason\":\"r\",\"n\":null}"),
            Metadata = Json("{\"confidence\":0.9,\"tags\":[\"x\"]}"), Version = "v1", ManifestSignatureId = "m", AuditEventId = "a1",
        };
        var edge = new EdgeInput { Id = Id(2), From = Id(1), To = Id(1), Type = "supports", Weight = 0.25, Metadata = Json("{\"k\":1}"), AuditEventId = "a2" };
        var written = await AppendAsync(store, node, edge, Note(Id(2), Id(3), targetType: AnnotationTargetType.Edge));
        var read = (await store.GetItemsAsync([Id(1), Id(2), Id(3)], long.MaxValue)).OrderBy(i => i.Seq).ToList();
        Assert.Equal(written.Items.Select(ToJson), read.Select(ToJson));
        Assert.Equal(written.Items.Select(i => i.Seq), read.Select(i => i.Seq));
    }

    [Fact]
    public async Task Append_SameIdSameContent_IsASuccessThatChangesNothing()
    {
        var store = await NewStoreAsync();
        var original = await AppendAsync(store, Node(Id(1), payload: "{\"a\":1}"), Node(Id(2)), Edge(Id(1), Id(2), Id(3), weight: 1));
        long max = await store.GetMaxSeqAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        var replay = await AppendAsync(store, Node(Id(1), payload: "{\"a\":1.0}", metadata: "{}"), Edge(Id(1), Id(2), Id(3), weight: 1));
        Assert.Empty(replay.Created);
        Assert.Equal(max, await store.GetMaxSeqAsync());
        Assert.Equal(original.Items[0].Seq, replay.Items[0].Seq);
        Assert.Equal(original.Items[0].CreatedAt, replay.Items[0].CreatedAt);
        Assert.Equal(original.Items[2].Seq, replay.Items[1].Seq);
        Assert.Equal(3, (await AllAsync(store)).Count);
    }

    [Fact]
    public async Task Append_SameIdDifferentContent_IsAConflictAndWritesNothing()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1), payload: "{\"a\":1}"));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(5)), Node(Id(1), payload: "{\"a\":2}")));
        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
        Assert.Equal("id", error.Details["field"]);
        Assert.Equal("1", error.Details["index"]);
        Assert.Equal(1, await store.GetMaxSeqAsync());
        Assert.Empty(await store.GetItemsAsync([Id(5)], long.MaxValue));
    }

    [Fact]
    public async Task Append_IdOfAnotherKind_IsAConflict()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Node(Id(2)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Edge(Id(1), Id(2), Id(1))));
        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
    }

    [Fact]
    public async Task Append_SameIdTwiceInOneBatch_IsIdempotentOrAConflict()
    {
        var store = await NewStoreAsync();
        var result = await AppendAsync(store, Node(Id(1)), Node(Id(1)));
        Assert.Single(result.Created);
        Assert.Equal(result.Items[0].Seq, result.Items[1].Seq);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => AppendAsync(store, Node(Id(2)), Node(Id(2), type: "decision")));
        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
        Assert.Equal(1, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task GetItems_SeesOnlyItemsUpToAsOf()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)));
        long asOf = await store.GetMaxSeqAsync();
        await AppendAsync(store, Node(Id(2)), Edge(Id(1), Id(2), Id(3)));
        Assert.Equal([Id(1)], (await store.GetItemsAsync([Id(1), Id(2), Id(3), Id(4)], asOf)).Select(i => i.Id));
        Assert.Equal(3, (await store.GetItemsAsync([Id(1), Id(2), Id(3), Id(4)], long.MaxValue)).Count);
        Assert.Empty(await store.GetItemsAsync([Id(1)], 0));
    }

    [Fact]
    public async Task ReadAll_ReturnsTheRequestedSeqRangeInOrder()
    {
        var store = await NewStoreAsync();
        await AppendAsync(store, Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(2), Id(3)), Note(Id(1), Id(4)));
        var all = await AllAsync(store);
        Assert.Equal([Id(1), Id(2), Id(3), Id(4)], all.Select(i => i.Id));
        Assert.Equal([GraphItemKind.Node, GraphItemKind.Node, GraphItemKind.Edge, GraphItemKind.Annotation], all.Select(i => i.Kind));
        var middle = new List<Guid>();
        await foreach (var item in store.ReadAllAsync(all[0].Seq, all[2].Seq))
        {
            middle.Add(item.Id);
        }

        Assert.Equal([Id(2), Id(3)], middle);
    }
}
