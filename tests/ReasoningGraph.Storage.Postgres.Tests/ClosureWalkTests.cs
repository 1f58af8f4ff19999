using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Deep walks through PostgreSQL prefetch the closure in one statement (<see cref="IClosureGraphStore"/>); over
/// random graphs with cycles, self-loops, filters and as-of points their pages are those of the level-by-level
/// walk through PostgreSQL and of the in-memory store, and the closure is the union of the level frontiers.
/// </summary>
[RequiresPostgres]
public sealed class ClosureWalkTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly string[] EdgeTypes = ["causal", "supports", "contradicts"];

    [Theory]
    [InlineData(3)]
    [InlineData(29)]
    public async Task RandomDeepWalks_GiveTheSamePages_ThroughTheClosure_LevelByLevel_AndInMemory(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 17, 12, 0, 0, TimeSpan.Zero));
        var reference = new InMemoryGraphStore(timeProvider: time);
        var postgres = schema.NewStore(time, graphId: $"closure-{seed}");
        var nodes = new List<Guid>();
        for (int round = 0; round < 12; round++)
        {
            var batch = new GraphBatch();
            for (int i = 0; i < 6; i++)
            {
                var id = Guid.CreateVersion7();
                string confidence = random.Next(4) == 0 ? string.Empty : $"\"confidence\":{random.NextDouble().ToString("0.00", CultureInfo.InvariantCulture)}";
                batch.Add(Node(id, metadata: "{" + confidence + "}"));
                nodes.Add(id);
            }

            for (int i = 0; i < 14; i++)
            {
                double? weight = random.Next(4) == 0 ? null : Math.Round(random.NextDouble(), 2);
                batch.Add(Edge(nodes[random.Next(nodes.Count)], nodes[random.Next(nodes.Count)], type: EdgeTypes[random.Next(3)], weight: weight));
            }

            await reference.AppendAsync(batch);
            await postgres.AppendAsync(batch);
            time.Advance(TimeSpan.FromSeconds(random.Next(0, 3)));
        }

        long max = await reference.GetMaxSeqAsync();
        var settings = Options.Create(new ReasoningGraphOptions { MaxTraversalDepth = 1_000 });
        var inMemory = new ReasoningGraphService(settings, reference, timeProvider: time);
        var closure = new ReasoningGraphService(settings, postgres, timeProvider: time);
        var levels = new ReasoningGraphService(settings, new LevelByLevelStore(postgres), timeProvider: time);
        for (int walk = 0; walk < 60; walk++)
        {
            var root = nodes[random.Next(nodes.Count)];
            var direction = random.Next(2) == 0 ? TraversalDirection.Ancestors : TraversalDirection.Descendants;
            var options = new TraversalOptions
            {
                Depth = random.Next(5) == 0 ? random.Next(0, 8) : random.Next(2) == 0 ? 1_000 : random.Next(8, 12),
                PageSize = random.Next(1, 12),
                Order = random.Next(3) == 0 ? TraversalOrder.DepthFirst : TraversalOrder.BreadthFirst,
                EdgeTypes = random.Next(3) == 0 ? EdgeTypes.Where(_ => random.Next(2) == 0).ToList() : null,
                MinWeight = random.Next(3) == 0 ? random.NextDouble() : null,
                MinConfidence = random.Next(3) == 0 ? random.NextDouble() : null,
                AsOf = random.Next(3) == 0 ? random.Next(1, (int)max + 1) : null,
            };
            var expected = await PagesAsync(inMemory, root, direction, options);
            Assert.Equal(expected, await PagesAsync(closure, root, direction, options));
            Assert.Equal(expected, await PagesAsync(levels, root, direction, options));

            var request = new FrontierRequest
            {
                NodeIds = [root], Direction = direction, AsOf = options.AsOf ?? max,
                EdgeTypes = options.EdgeTypes, MinWeight = options.MinWeight, MinFarNodeConfidence = options.MinConfidence,
            };
            var (edges, far, count) = await LevelUnionAsync(reference, request);
            var all = await postgres.GetClosureAsync(request, count);
            Assert.NotNull(all);
            Assert.Equal(edges, all.Edges.Select(e => e.Id).Order());
            Assert.Equal(far, all.FarNodes.Select(n => n.Id).Order());
            if (count > 1)
            {
                Assert.Null(await postgres.GetClosureAsync(request, count - 1));
            }
        }
    }

    /// <summary>Every page of a walk (nodes with depths, edges with revisit flags, cycle flags, whether more follow), or the error code.</summary>
    private static async Task<List<string>> PagesAsync(ReasoningGraphService service, Guid root, TraversalDirection direction, TraversalOptions options)
    {
        var pages = new List<string>();
        string? cursor = null;
        try
        {
            do
            {
                var page = await service.TraceAsync(root, direction, new TraversalOptions
                {
                    Depth = options.Depth, PageSize = options.PageSize, Order = options.Order, EdgeTypes = options.EdgeTypes,
                    MinWeight = options.MinWeight, MinConfidence = options.MinConfidence, AsOf = cursor is null ? options.AsOf : null, Cursor = cursor,
                });
                pages.Add(string.Join(' ', page.Steps.Select(s => $"{s.Node.Id}@{s.Depth}")) + " | " +
                    string.Join(' ', page.Edges.Select(e => $"{e.Edge.Id}{(e.Revisit ? "r" : string.Empty)}")) + $" | {page.CycleDetected} {page.AsOf} {page.NextCursor is null}");
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }
        catch (ReasoningGraphException error) when (pages.Count == 0)
        {
            pages.Add(error.ErrorCode);
        }

        return pages;
    }

    /// <summary>The union of the frontiers of a level-by-level walk without a depth limit: edge ids, far node ids, closure size.</summary>
    private static async Task<(List<Guid> Edges, List<Guid> Far, int Count)> LevelUnionAsync(InMemoryGraphStore store, FrontierRequest request)
    {
        var seen = new HashSet<Guid>(request.NodeIds);
        var edges = new SortedSet<Guid>();
        var far = new SortedSet<Guid>();
        var level = request.NodeIds.ToList();
        while (level.Count > 0)
        {
            var frontier = await store.GetFrontierAsync(new FrontierRequest
            {
                NodeIds = level, Direction = request.Direction, AsOf = request.AsOf, EdgeTypes = request.EdgeTypes,
                MinWeight = request.MinWeight, MinFarNodeConfidence = request.MinFarNodeConfidence,
            });
            edges.UnionWith(frontier.Edges.Select(e => e.Id));
            far.UnionWith(frontier.FarNodes.Select(n => n.Id));
            level = frontier.FarNodes.Select(n => n.Id).Where(seen.Add).ToList();
        }

        return ([.. edges], [.. far], seen.Count);
    }
}
