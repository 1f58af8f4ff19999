using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Benchmarks.Canonicalization;

/// <summary>
/// Canonicalization throughput against two baselines in the same run: the obvious approach
/// (JsonNode, recursive sort, relaxed encoder) and the ceiling (JsonDocument.Parse + WriteTo, no sorting).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CanonicalizeBenchmarks
{
    private static readonly Dictionary<string, byte[][]> Inputs = new()
    {
        ["node-1KB"] = [NodeDocuments.Node(1, 1024)],
        ["doc-64KB"] = [NodeDocuments.Node(2, 64 * 1024)],
        ["corpus-200"] = NodeDocuments.Corpus(200),
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _ceilingBuffer = new(128 * 1024);
    private Utf8JsonWriter _ceilingWriter = null!;
    private byte[][] _documents = null!;

    [Params("node-1KB", "doc-64KB", "corpus-200")]
    public string Document { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _documents = Inputs[Document];
        _ceilingWriter = new Utf8JsonWriter(_ceilingBuffer);
    }

    [Benchmark(Baseline = true, Description = "Obvious: JsonNode + sort")]
    public int Obvious()
    {
        int total = 0;
        foreach (var document in _documents)
        {
            var sorted = Sort(JsonNode.Parse(document));
            total += Encoding.UTF8.GetBytes(sorted!.ToJsonString(Relaxed)).Length;
        }

        return total;
    }

    [Benchmark(Description = "CanonicalJson (kernel)")]
    public int Canonical()
    {
        int total = 0;
        foreach (var document in _documents)
        {
            total += CanonicalJson.Canonicalize(document).Length;
        }

        return total;
    }

    /// <summary>The strict request reader's pass: the canonical profile's checks without the output.</summary>
    [Benchmark(Description = "CanonicalJson.Validate (checks only)")]
    public int Validate()
    {
        int total = 0;
        foreach (var document in _documents)
        {
            CanonicalJson.Validate(document);
            total += document.Length;
        }

        return total;
    }

    [Benchmark(Description = "Ceiling: JsonDocument + WriteTo")]
    public int Ceiling()
    {
        int total = 0;
        foreach (var document in _documents)
        {
            using var parsed = JsonDocument.Parse(document);
            _ceilingBuffer.ResetWrittenCount();
            _ceilingWriter.Reset();
            parsed.WriteTo(_ceilingWriter);
            _ceilingWriter.Flush();
            total += _ceilingBuffer.WrittenCount;
        }

        return total;
    }

    /// <summary>The obvious recursive sort: a new object per level, children cloned because a node has one parent.</summary>
    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => KeyValuePair.Create(m.Key, Sort(m.Value?.DeepClone())))),
        JsonArray array => new JsonArray([.. array.Select(item => Sort(item?.DeepClone()))]),
        _ => node,
    };

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn(c => Inputs[(string)c.Parameters["Document"]].Sum(d => (long)d.Length)));
    }
}
