using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.Model;

public sealed class GraphContentTests
{
    [Fact]
    public void IsSameContent_IgnoresStoreAssignedTimeAndSeqAndKeyOrder()
    {
        var stored = Items.Node(Items.Id(1), payload: "{\"a\":1,\"b\":[true,null]}").ToItem(5, DateTimeOffset.UnixEpoch);
        var replay = Items.Node(Items.Id(1), payload: "{ \"b\": [true, null], \"a\": 1.0 }", createdAt: DateTimeOffset.UnixEpoch.AddDays(1));
        Assert.True(GraphContent.IsSameContent(replay, stored));
    }

    [Fact]
    public void IsSameContent_TreatsAbsentMetadataAsEmptyObject()
    {
        var stored = Items.Node(Items.Id(1), metadata: "{}").ToItem(1, default);
        Assert.True(GraphContent.IsSameContent(Items.Node(Items.Id(1)), stored));
    }

    [Theory]
    [InlineData("{\"a\":2}", null, "observation")]
    [InlineData("{\"a\":1}", "{\"confidence\":1}", "observation")]
    [InlineData("{\"a\":1}", null, "decision")]
    public void IsSameContent_DetectsAnyContentDifference(string payload, string? metadata, string type)
    {
        var stored = Items.Node(Items.Id(1), payload: "{\"a\":1}").ToItem(1, default);
        Assert.False(GraphContent.IsSameContent(Items.Node(Items.Id(1), type, payload, metadata), stored));
    }

    [Fact]
    public void IsSameContent_IsFalseAcrossKinds()
    {
        var stored = Items.Node(Items.Id(1)).ToItem(1, default);
        Assert.False(GraphContent.IsSameContent(Items.Note(Items.Id(2), Items.Id(1)), stored));
    }
}
