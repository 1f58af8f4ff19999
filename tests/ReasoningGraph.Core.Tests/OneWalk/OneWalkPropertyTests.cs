using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Snapshots;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.OneWalk;

/// <summary>
/// The ordered causal trace and snapshot collection are collected by the walk engine (its indexed view, its closure
/// fetch, or a frontier per level): on every one of those paths they give exactly what the former level-by-level
/// collectors gave (<see cref="LevelByLevelCollection"/>, kept here as the reference).
/// </summary>
public sealed class OneWalkPropertyTests
{
    [Fact]
    public void OrderedTrace_IsTheLevelByLevelCollection_OnEveryWalkPath() =>
        Prop.ForAll(
            RandomGraph.Arbitrary,
            Gen.Frequency((1, Gen.Constant(10_000)), (3, Gen.Choose(1, 40))).ToArbitrary(),
            (graph, limit) => TraceAsync(graph, limit).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150));

    [Fact]
    public void SnapshotContent_IsTheLevelByLevelCollection_OnEveryWalkPath() =>
        Prop.ForAll(
            RandomGraph.Arbitrary,
            Gen.Frequency((3, Gen.Choose(0, 4)), (1, Gen.Choose(8, 10))).ToArbitrary(),
            Gen.Choose(1, 3).ToArbitrary(),
            (graph, depth, roots) => SnapshotAsync(graph, depth, roots).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150));

    private static async Task TraceAsync(RandomGraph random, int limit)
    {
        var graph = await random.BuildAsync(o => o.MaxCausalTraceItems = limit);
        var root = random.Ids[random.Root];
        var (items, truncated) = await LevelByLevelCollection.TraceAsync(graph.Store.Inner, root, limit);
        byte[]? first = null;
        foreach (var store in Paths(graph))
        {
            var service = new ReasoningGraphService(Microsoft.Extensions.Options.Options.Create(graph.Options), store, timeProvider: graph.Time);
            var trace = await service.GetCausalTraceAsync(root);

            // The order is a function of the set of items (a Kahn sort keyed by createdAt and id), so equal sets and an
            // equal cut give equal traces; the bytes are compared across paths as well.
            Assert.Equal(items.Select(i => i.Id).Order(), trace.OrderedPath.Select(e => e.Id).Order());
            Assert.Equal(truncated, trace.Metadata.Truncated);
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(trace, ResultJson.CausalTrace);
            first ??= bytes;
            Assert.Equal(first, bytes);
        }
    }

    private static async Task SnapshotAsync(RandomGraph random, int depth, int rootCount)
    {
        var graph = await random.BuildAsync();
        Guid[] roots = [.. Enumerable.Range(0, rootCount).Select(r => random.Ids[(random.Root + (r * 7)) % random.Ids.Length])];
        var (nodes, edges) = await LevelByLevelCollection.SubgraphAsync(graph.Store.Inner, roots, depth);
        byte[]? first = null;
        foreach (var store in Paths(graph))
        {
            var signer = new FakeDigestSigner();
            var service = new SnapshotService(
                store, new InMemorySnapshotStore(new FakeDigestSigner { SignerId = "audit-1" }, graph.Time), signer, signer,
                options: new SnapshotServiceOptions { MaxDepth = 16 }, timeProvider: graph.Time);
            var snapshot = await service.CreateAsync(new SnapshotRequest { RootIds = roots, Depth = depth, SnapshotId = Items.Id(777_000) });
            var payload = JsonDocument.Parse(snapshot.Document).RootElement.GetProperty("payload");
            Assert.Equal(nodes.Order(), payload.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()));
            Assert.Equal(edges.Order(), payload.GetProperty("edges").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()));
            byte[] bytes = snapshot.SignedBytes.ToArray();
            first ??= bytes;
            Assert.Equal(first, bytes);
        }
    }

    /// <summary>The three store paths of the walk: a frontier per level, the indexed view, and the closure fetch.</summary>
    private static IEnumerable<IReasoningGraphStore> Paths(TestGraph graph) =>
        [graph.Store, graph.Store.Inner, new ClosureOverFrontiersStore(graph.Store.Inner)];
}
