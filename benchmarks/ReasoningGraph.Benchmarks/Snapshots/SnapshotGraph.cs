using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Benchmarks.Snapshots;

/// <summary>
/// The graph a snapshot of about <c>n</c> nodes is taken of: a root with √n children, each with √n children (depth 2
/// reaches everything), decision-shaped payloads and metadata, one note per child.
/// </summary>
internal static class SnapshotGraph
{
    private static readonly DateTimeOffset Start = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);

    public static (GraphBatch Batch, Guid Root) Create(int nodes)
    {
        int fanOut = (int)Math.Ceiling(Math.Sqrt(nodes));
        var random = new Random(nodes);
        var batch = new GraphBatch();
        var root = Node(batch, random, 0);
        for (int i = 1; i <= fanOut && batch.Count < nodes * 3; i++)
        {
            var child = Node(batch, random, i);
            Edge(batch, root, child);
            batch.Add(new AnnotationInput
            {
                Id = Guid.CreateVersion7(), TargetId = child, TargetType = AnnotationTargetType.Node, AnnotationType = "note",
                Author = "agent:reviewer", Payload = JsonDocument.Parse("{\"text\":\"checked\",\"score\":3}").RootElement, CreatedAt = Start,
            });
            for (int j = 0; j < fanOut - 1; j++)
            {
                Edge(batch, child, Node(batch, random, (i * fanOut) + j));
            }
        }

        return (batch, root);
    }

    private static Guid Node(GraphBatch batch, Random random, int i)
    {
        var id = Guid.CreateVersion7();
        string payload = $$$"""{"reason":"score improved after feature {{{i}}}","score":0.{{{random.Next(1000):D3}}},"details":{"a":{{{i}}},"b":[1,2,3],"model":"eval-v3"}}""";
        batch.Add(new NodeInput
        {
            Id = id, Type = i % 3 == 0 ? "decision" : "observation", Author = "service:eval",
            Payload = JsonDocument.Parse(payload).RootElement,
            Metadata = JsonDocument.Parse($$"""{"confidence":0.{{random.Next(10)}},"tags":["bench"]}""").RootElement,
            CreatedAt = Start.AddMilliseconds(i),
        });
        return id;
    }

    private static void Edge(GraphBatch batch, Guid from, Guid to) =>
        batch.Add(new EdgeInput { Id = Guid.CreateVersion7(), From = from, To = to, Type = "causal", Weight = 0.5, CreatedAt = Start });
}
