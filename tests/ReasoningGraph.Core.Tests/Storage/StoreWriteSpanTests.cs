using System.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Writing;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

/// <summary>The write span every store emits: its name, its tags and their value types are what dashboards query.</summary>
[Collection(nameof(MemoryFootprintTests))]
public sealed class StoreWriteSpanTests
{
    [Fact]
    public async Task InMemoryAppend_EmitsTheWriteSpanWithItsTags()
    {
        using var spans = new SpanRecorder();
        var store = new InMemoryGraphStore();
        await store.AppendAsync(new GraphBatch([Node(Id(1))]));

        await store.AppendAsync(new GraphBatch([Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(2))]));

        var span = spans.Children[^1];
        Assert.Equal(StoreWriteSpan.Name, span.OperationName);
        Assert.Equal(
            [("reasoning_graph.store", (object?)"InMemoryGraphStore"), ("reasoning_graph.batch_size", 3), ("reasoning_graph.created", 2)],
            span.TagObjects.Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public void SetCreated_KeepsTheCountsType()
    {
        using var activity = new Activity("test").Start();
        StoreWriteSpan.SetCreated(activity, 2);
        Assert.IsType<int>(activity.GetTagItem("reasoning_graph.created"));
        StoreWriteSpan.SetCreated(activity, 2L);
        Assert.IsType<long>(activity.GetTagItem("reasoning_graph.created"));
        StoreWriteSpan.SetGroupSize(activity, 3);
        Assert.Equal(3, activity.GetTagItem("reasoning_graph.group_size"));
    }
}
