using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Options;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Benchmarks.Graph;

/// <summary>
/// Appending 5,000 nodes (realistic small payloads) through <see cref="IReasoningGraph"/> — validation, id
/// generation, the store — one call per node or in batches of 1,000, into a new in-memory store per iteration,
/// without a journal or with one in a temporary file (flushed to disk per append, the default), without an audit
/// chain or with one signed by a local Ed25519 key (one event per node, in the journal with it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class AppendBenchmarks
{
    private const int Nodes = 5_000;
    private const int BatchSize = 1_000;
    private NodeInput[] _inputs = null!;
    private InMemoryGraphStore _store = null!;
    private ReasoningGraphService _graph = null!;
    private string? _journal;

    [Params("none", "file")]
    public string Journal { get; set; } = "";

    [Params("none", "local-key")]
    public string Audit { get; set; } = "";

    private ReasoningGraph.Signing.Keys.LocalEd25519Signer? _signer;

    [GlobalSetup]
    public void Setup() => _inputs = [.. Enumerable.Range(0, Nodes).Select(n => new NodeInput
    {
        Type = "observation",
        Author = "agent:planner-1",
        Payload = System.Text.Json.JsonElement.Parse(GraphInputs.RealisticPayload(n)),
    })];

    [IterationSetup]
    public void NewStore()
    {
        _journal = Journal == "file" ? Path.Combine(Path.GetTempPath(), $"rg-append-{Guid.NewGuid():N}.jsonl") : null;
        _signer = Audit == "local-key" ? ReasoningGraph.Signing.Keys.LocalEd25519Signer.Generate("bench-audit") : null;
        _store = new InMemoryGraphStore(new InMemoryStoreOptions { JournalPath = _journal }, auditSigner: _signer);
        _graph = new ReasoningGraphService(Options.Create(new ReasoningGraphOptions()), _store);
    }

    [IterationCleanup]
    public void DeleteJournal()
    {
        _store.Dispose();
        _signer?.Dispose();
        if (_journal is not null)
        {
            File.Delete(_journal);
        }
    }

    [Benchmark(Baseline = true, Description = "AppendNodeAsync, one node per call")]
    public async Task<long> OneByOne()
    {
        long seq = 0;
        foreach (var input in _inputs)
        {
            seq = (await _graph.AppendNodeAsync(input)).Seq;
        }

        return seq;
    }

    [Benchmark(Description = "AppendAsync, batches of 1,000")]
    public async Task<long> Batches()
    {
        long seq = 0;
        foreach (var chunk in _inputs.Chunk(BatchSize))
        {
            seq = (await _graph.AppendAsync(new GraphBatch(chunk))).Items[^1].Seq;
        }

        return seq;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RateColumn("nodes/s", "Nodes appended per second", _ => Nodes));
    }
}
