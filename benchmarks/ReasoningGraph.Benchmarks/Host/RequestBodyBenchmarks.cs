using System.Text;
using BenchmarkDotNet.Attributes;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Model;

namespace ReasoningGraph.Benchmarks.Host;

/// <summary>
/// The host reading a checked write body into inputs (issue 14): through a JsonNode tree, edited and deserialized
/// polymorphically (the baseline, kept as LegacyRequestBody), against the bytes read straight into the input type.
/// A ~1 KB node body, and a 100-node batch of such nodes with an audit_context.
/// </summary>
[MemoryDiagnoser]
public class RequestBodyBenchmarks
{
    private static readonly byte[] Node = Encoding.UTF8.GetBytes(NodeJson(0));

    private static readonly byte[] Batch = Encoding.UTF8.GetBytes(
        "{\"nodes\":[" + string.Join(",", Enumerable.Range(0, 100).Select(NodeJson)) + "],\"audit_context\":{\"kernel_manifest_signature_id\":\"manifest-7\"}}");

    [Benchmark(Baseline = true)]
    public NodeInput NodeThroughTree() => LegacyRequestBody.Node(Node);

    [Benchmark]
    public NodeInput NodeDirect() => RequestBody.One(Node, InputContracts.Node);

    [Benchmark]
    public int BatchThroughTree() => LegacyRequestBody.Nodes(Batch).Count;

    [Benchmark]
    public int BatchDirect() => RequestBody.Batch(Batch, InputContracts.Node, "nodes", (node, m) => node with { ManifestSignatureId = m }).Count;

    /// <summary>About 1 KB: the node fields, a payload of a few dozen members and some metadata.</summary>
    private static string NodeJson(int i)
    {
        string payload = string.Join(",", Enumerable.Range(0, 24).Select(k => $"\"field{k}\":{(k % 3 == 0 ? $"\"value number {k} of node {i}\"" : (k * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        return $"{{\"id\":\"{new Guid(i + 1, 0, 0, new byte[8])}\",\"type\":\"observation\",\"author\":\"kernel\",\"payload\":{{{payload}}},\"metadata\":{{\"confidence\":0.9,\"source\":\"bench\"}},\"version\":\"1\"}}";
    }
}
