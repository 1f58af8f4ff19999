using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Benchmarks.Postgres;

/// <summary>
/// Writes with their signed audit events: one node per transaction (latency), and batches of nodes and edges
/// (ingest throughput, nodes alone and nodes mixed with edges; divide the mean by the batch size for the cost per item).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PostgresAppendBenchmarks
{
    private static readonly JsonElement Payload = JsonDocument.Parse("{\"reason\":\"threshold exceeded\",\"score\":0.93,\"evidence\":[1,2,3]}").RootElement;
    private BenchDatabase _database = null!;
    private PostgresGraphStore _store = null!;
    private Guid _anchor;

    [Params(1, 100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync("append");
        _store = _database.NewStore();
        _anchor = Guid.CreateVersion7();
        await _store.AppendAsync(new GraphBatch { Node(_anchor) });
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    /// <summary>BatchSize items: nodes, each but the first also linked from the anchor (half nodes, half edges).</summary>
    [Benchmark(Description = "AppendAsync (items + audit events, one transaction)")]
    public async Task<AppendResult> AppendAsync()
    {
        var batch = new GraphBatch();
        while (batch.Count < BatchSize)
        {
            var node = Guid.CreateVersion7();
            batch.Add(Node(node));
            if (batch.Count < BatchSize)
            {
                batch.Add(new EdgeInput { Id = Guid.CreateVersion7(), From = _anchor, To = node, Type = "causal" });
            }
        }

        return await _store.AppendAsync(batch);
    }

    /// <summary>BatchSize nodes and nothing else: the "nodes/s batched ingest with audit events".</summary>
    [Benchmark(Description = "AppendAsync (nodes only + audit events, one transaction)")]
    public async Task<AppendResult> AppendNodesAsync()
    {
        var batch = new GraphBatch();
        while (batch.Count < BatchSize)
        {
            batch.Add(Node(Guid.CreateVersion7()));
        }

        return await _store.AppendAsync(batch);
    }

    private static NodeInput Node(Guid id) => new() { Id = id, Type = "observation", Author = "agent:bench", Payload = Payload };

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RateColumn("items/s", "Items (nodes, or half nodes and half edges) appended per second, each with its signed audit event",
            c => (int)c.Parameters["BatchSize"]));
    }
}
