using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Model;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Model;

public sealed class ItemRecordTests
{
    private const string Secret = "078-05-1120";

    private static readonly DateTimeOffset At = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);

    private static GraphItemInput[] Inputs() =>
    [
        Node(Id(1), payload: $$"""{"ssn":"{{Secret}}"}""", metadata: $$"""{"tags":["{{Secret}}"]}"""),
        Edge(Id(1), Id(1), Id(2), metadata: $$"""{"ssn":"{{Secret}}"}"""),
        Note(Id(1), Id(3), payload: $$"""{"text":"{{Secret}}"}"""),
    ];

    [Fact]
    public void ItemsAndInputs_PrintTypeAndIdOnly_NeverPayloadsOrMetadata()
    {
        var inputs = Inputs();
        var items = inputs.Select(i => i.ToItem(1, At)).ToArray();

        Assert.Equal([$"NodeInput {Id(1)}", $"EdgeInput {Id(2)}", $"AnnotationInput {Id(3)}"], inputs.Select(i => i.ToString()));
        Assert.Equal([$"ReasoningNode {Id(1)}", $"ReasoningEdge {Id(2)}", $"ReasoningAnnotation {Id(3)}"], items.Select(i => i.ToString()));
        Assert.Equal("NodeInput (no id)", Node(payload: $$"""{"ssn":"{{Secret}}"}""").ToString());

        // Records that hold an item print it through the item's ToString.
        var step = new ReasoningGraph.Traversal.TraversalStep((ReasoningNode)items[0], 0);
        var edge = new ReasoningGraph.Traversal.TraversedEdge((ReasoningEdge)items[1], Revisit: false);
        foreach (object printed in (object[])[.. inputs, .. items, step, edge])
        {
            Assert.DoesNotContain(Secret, printed.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void With_CopiesEveryOtherMember()
    {
        foreach (var input in Inputs())
        {
            var item = input.ToItem(42, At);
            var (copy, changed) = item switch
            {
                ReasoningNode n => (n with { Payload = Json("{}") }, "payload"),
                ReasoningEdge e => (e with { Metadata = Json("{}") }, "metadata"),
                ReasoningAnnotation a => ((GraphItem)(a with { Payload = Json("{}") }), "payload"),
                _ => throw new InvalidOperationException(),
            };

            Assert.Equal(42, copy.Seq);
            Assert.Equal(Without(ToJson(item), changed), Without(ToJson(copy), changed));

            var withId = input with { Id = Id(9) };
            Assert.IsType(input.GetType(), withId);
            Assert.Equal(Id(9), withId.Id);
            Assert.Equal(Without(JsonSerializer.Serialize(input, GraphJson.Input), "id"), Without(JsonSerializer.Serialize(withId, GraphJson.Input), "id"));
        }
    }

    /// <summary>The JSON without one member.</summary>
    private static string Without(string json, string name)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(name));
        return node.ToJsonString();
    }
}
