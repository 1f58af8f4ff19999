using System.Diagnostics;
using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Benchmarks.Support;

/// <summary>
/// The <see cref="GeneratedGraph"/> loaded once per process into an <see cref="InMemoryGraphStore"/>, with
/// realistic small payloads, through the store's append path in batches of 10,000 inputs that carry their
/// <c>createdAt</c> (kept, as on import).
/// </summary>
public sealed class GraphFixture
{
    public const int BatchSize = 10_000;

    private static readonly Lazy<GraphFixture> Shared = new(() => new GraphFixture());

    private GraphFixture()
    {
        Graph = GeneratedGraph.Instance;
        var watch = Stopwatch.StartNew();
        Load(Store, GraphInputs.All(Graph, n => JsonElement.Parse(GraphInputs.RealisticPayload(n))));
        LoadTime = watch.Elapsed;
        GC.Collect();
        Console.WriteLine($"// Graph fixture: {GeneratedGraph.NodeCount:N0} nodes + {GeneratedGraph.EdgeCount:N0} edges loaded in {LoadTime.TotalSeconds:F1} s");
    }

    public static GraphFixture Instance => Shared.Value;

    public GeneratedGraph Graph { get; }

    public InMemoryGraphStore Store { get; } = new();

    public TimeSpan LoadTime { get; }

    /// <summary>Appends the inputs in batches of <see cref="BatchSize"/>.</summary>
    public static void Load(InMemoryGraphStore store, IEnumerable<GraphItemInput> inputs)
    {
        foreach (var chunk in inputs.Chunk(BatchSize))
        {
            store.AppendAsync(new GraphBatch(chunk)).GetAwaiter().GetResult();
        }
    }
}
