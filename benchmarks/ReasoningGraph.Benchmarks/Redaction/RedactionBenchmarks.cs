using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ReasoningGraph.Model;
using ReasoningGraph.Redaction;

namespace ReasoningGraph.Benchmarks.Redaction;

/// <summary>
/// Redacting one typical 2 KB payload, and every node of a 10,000-node trace (half of them with PII), against the
/// JsonNode baseline in the same run. "Copy only" is the floor: parsing the stored bytes into a fresh element.
/// </summary>
[MemoryDiagnoser]
public class RedactionBenchmarks
{
    private readonly PiiRedactor _redactor = new(RedactionInputs.Catalog, RedactionInputs.Salt, "s1");
    private ReasoningNode[] _nodes = null!;

    [Params("payload-2KB", "trace-10k")]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _nodes = Input == "payload-2KB"
            ? [new ReasoningNode { Id = Guid.CreateVersion7(), Type = "observation", Author = "agent:bench", CreatedAt = DateTimeOffset.UnixEpoch, Payload = RedactionInputs.Payload(1, 2048) }]
            : RedactionInputs.Trace(10_000);

        // Both contenders must do the same work: equal output, and the PII really gone.
        var redacted = _redactor.Redact(_nodes[0]).Payload;
        var baseline = NaiveJsonNodeRedactor.Redact(_nodes[0].Payload, RedactionInputs.NaiveRules, RedactionInputs.Salt);
        if (!JsonNode.DeepEquals(JsonNode.Parse(redacted.GetRawText()), JsonNode.Parse(baseline.GetRawText())) ||
            redacted.GetRawText().Contains("@example.org", StringComparison.Ordinal) || !redacted.GetRawText().Contains("[REDACTED:EMAIL]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Redactor and baseline disagree:\n{redacted.GetRawText()}\n{baseline.GetRawText()}");
        }
    }

    [Benchmark(Baseline = true, Description = "Baseline: JsonNode copy + path walk")]
    public int JsonNodeBaseline()
    {
        int total = 0;
        foreach (var node in _nodes)
        {
            total += NaiveJsonNodeRedactor.Redact(node.Payload, RedactionInputs.NaiveRules, RedactionInputs.Salt).GetPropertyCount();
            total += NaiveJsonNodeRedactor.Redact(node.Metadata, RedactionInputs.NaiveRules, RedactionInputs.Salt).GetPropertyCount();
        }

        return total;
    }

    [Benchmark(Description = "PiiRedactor.Redact(node)")]
    public int Redactor()
    {
        int total = 0;
        foreach (var node in _nodes)
        {
            total += _redactor.Redact(node).Payload.GetPropertyCount();
        }

        return total;
    }

    [Benchmark(Description = "Floor: copy only (parse stored bytes)")]
    public int CopyOnly()
    {
        int total = 0;
        foreach (var node in _nodes)
        {
            var reader = new Utf8JsonReader(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(node.Payload));
            total += JsonElement.ParseValue(ref reader).GetPropertyCount();
        }

        return total;
    }
}
