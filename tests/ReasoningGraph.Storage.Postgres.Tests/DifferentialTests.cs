using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL store answers random reads over a random graph exactly as the in-memory reference store does:
/// frontiers in both directions with every filter and as-of point, node queries with keyset paging, annotations.
/// </summary>
[RequiresPostgres]
public sealed class DifferentialTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly string[] EdgeTypes = ["causal", "supports", "contradicts"];
    private static readonly string[] NodeTypes = ["observation", "decision", "hypothesis"];

    [Fact]
    public async Task RandomGraph_RandomReads_MatchTheInMemoryStore()
    {
        var random = new Random(17);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 17, 12, 0, 0, TimeSpan.Zero));
        var reference = new InMemoryGraphStore(timeProvider: time);
        var postgres = schema.NewStore(time);
        var nodes = new List<Guid>();
        var edges = new List<Guid>();
        for (int round = 0; round < 40; round++)
        {
            var batch = new GraphBatch();
            for (int i = 0; i < 8; i++)
            {
                var id = Guid.CreateVersion7();
                string confidence = random.Next(3) == 0 ? string.Empty : $"\"confidence\":{random.NextDouble().ToString("0.00", CultureInfo.InvariantCulture)},";
                string tags = $"\"tags\":[\"t{random.Next(3)}\",\"t{random.Next(3)}\"]";
                batch.Add(Node(id, NodeTypes[random.Next(3)], metadata: "{" + confidence + tags + "}", author: $"agent:{random.Next(3)}"));
                nodes.Add(id);
            }

            for (int i = 0; i < 20; i++)
            {
                var id = Guid.CreateVersion7();
                double? weight = random.Next(4) == 0 ? null : Math.Round(random.NextDouble(), 2);
                batch.Add(Edge(nodes[random.Next(nodes.Count)], nodes[random.Next(nodes.Count)], id, EdgeTypes[random.Next(3)], weight));
                edges.Add(id);
            }

            batch.Add(Note(edges[random.Next(edges.Count)], targetType: AnnotationTargetType.Edge));
            batch.Add(Note(nodes[random.Next(nodes.Count)]));
            Assert.Equal(Shape((await reference.AppendAsync(batch)).Items), Shape((await postgres.AppendAsync(batch)).Items));
            time.Advance(TimeSpan.FromSeconds(random.Next(1, 5)));
        }

        long max = await reference.GetMaxSeqAsync();
        Assert.Equal(max, await postgres.GetMaxSeqAsync());
        Assert.Equal(Shape(await AllAsync(reference, max)), Shape(await AllAsync(postgres, max)));

        for (int query = 0; query < 150; query++)
        {
            long asOf = random.Next(1, (int)max + 1);
            var request = new FrontierRequest
            {
                NodeIds = Enumerable.Range(0, random.Next(1, 30)).Select(_ => nodes[random.Next(nodes.Count)]).ToList(),
                Direction = random.Next(2) == 0 ? TraversalDirection.Ancestors : TraversalDirection.Descendants,
                AsOf = asOf,
                EdgeTypes = random.Next(3) == 0 ? EdgeTypes.Where(_ => random.Next(2) == 0).ToList() : null,
                MinWeight = random.Next(3) == 0 ? random.NextDouble() : null,
                MinFarNodeConfidence = random.Next(3) == 0 ? random.NextDouble() : null,
            };
            var expected = await reference.GetFrontierAsync(request);
            var actual = await postgres.GetFrontierAsync(request);
            Assert.Equal(Shape(expected.Edges), Shape(actual.Edges));
            Assert.Equal(Shape(expected.FarNodes), Shape(actual.FarNodes));

            var filter = new Storage.NodeFilter
            {
                Types = random.Next(3) == 0 ? NodeTypes.Where(_ => random.Next(2) == 0).ToList() : null,
                Authors = random.Next(3) == 0 ? [$"agent:{random.Next(3)}"] : null,
                Tags = random.Next(3) == 0 ? Enumerable.Range(0, random.Next(1, 3)).Select(_ => $"t{random.Next(4)}").ToList() : null,
                CreatedFrom = random.Next(4) == 0 ? time.Start.AddSeconds(random.Next(60)) : null,
                CreatedBefore = random.Next(4) == 0 ? time.Start.AddSeconds(random.Next(60, 120)) : null,
                MinConfidence = random.Next(3) == 0 ? random.NextDouble() : null,
            };
            Assert.Equal(await PagedAsync(reference, filter, asOf), await PagedAsync(postgres, filter, asOf));

            var targets = Enumerable.Range(0, 20).Select(_ => random.Next(2) == 0 ? nodes[random.Next(nodes.Count)] : edges[random.Next(edges.Count)]).ToList();
            Assert.Equal(Shape(await reference.GetAnnotationsAsync(targets, asOf)), Shape(await postgres.GetAnnotationsAsync(targets, asOf)));
        }
    }

    private static List<string> Shape(IEnumerable<GraphItem> items) =>
        items.Select(i => $"{i.Seq} {ToJson(i)}").Order(StringComparer.Ordinal).ToList();

    private static async Task<List<GraphItem>> AllAsync(IReasoningGraphStore store, long asOf)
    {
        var items = new List<GraphItem>();
        await foreach (var item in store.ReadAllAsync(0, asOf))
        {
            items.Add(item);
        }

        return items;
    }

    private static async Task<List<string>> PagedAsync(IReasoningGraphStore store, Storage.NodeFilter filter, long asOf)
    {
        var seen = new List<string>();
        long after = 0;
        while (true)
        {
            var page = await store.QueryNodesAsync(filter, after, asOf, 7);
            if (page.Count == 0)
            {
                return seen;
            }

            seen.AddRange(page.Select(n => $"{n.Seq} {ToJson(n)}"));
            after = page[^1].Seq;
        }
    }
}
