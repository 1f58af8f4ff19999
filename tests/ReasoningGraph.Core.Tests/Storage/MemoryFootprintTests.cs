using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using Xunit.Abstractions;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

[CollectionDefinition(nameof(MemoryFootprintTests), DisableParallelization = true)]
public sealed class MemoryFootprintSerialGroup;

[Collection(nameof(MemoryFootprintTests))]
public sealed class MemoryFootprintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task InMemoryStore_KeepsEdgesWithin150BytesEach()
    {
        const int nodes = 2_000, edges = 200_000;
        var store = new InMemoryGraphStore();
        var ids = Enumerable.Range(0, nodes).Select(_ => Guid.CreateVersion7()).ToArray();
        await store.AppendAsync(new GraphBatch(ids.Select(id => (GraphItemInput)Node(id))));
        var random = new Random(1);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int b = 0; b < edges / 1000; b++)
        {
            await store.AppendAsync(new GraphBatch(Enumerable.Range(0, 1000)
                .Select(_ => (GraphItemInput)Edge(ids[random.Next(nodes)], ids[random.Next(nodes)], type: random.Next(2) == 0 ? "causal" : "supports"))));
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        double perEdge = (after - before) / (double)edges;
        output.WriteLine($"retained per edge: {perEdge:F1} bytes");
        Assert.True(perEdge <= 150, $"retained {perEdge:F1} bytes per edge");
        GC.KeepAlive(store);
    }
}
