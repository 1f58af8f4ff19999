using System.Globalization;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Benchmarks.Support;

/// <summary>
/// The store inputs of the <see cref="GeneratedGraph"/>: ids (UUIDv7), times, types, weights and payloads, each a
/// pure function of the item's index, with <c>createdAt</c> set so that the store keeps it (import semantics).
/// Node n is created at 2025-11-17T00:00Z + n × 40 ms (+ up to 30 ms); its incoming edges 1 µs apart after it.
/// </summary>
public static class GraphInputs
{
    private static readonly DateTimeOffset Start = new(2025, 11, 17, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] NodeTypes = ["observation", "hypothesis", "recommendation", "decision", "score", "action", "policyCheck", "correction"];
    private static readonly string[] EdgeTypes = ["causal", "causal", "causal", "supports", "supports", "derivedFrom", "influencedBy", "contradicts"];
    private static readonly string[] Authors = [.. Enumerable.Range(0, 50).Select(i => $"agent:planner-{i}")];
    private static readonly string[] Words = ["latency", "throughput", "regression", "promotion", "budget", "risk", "canary", "rollback", "quota", "owner", "p99", "error-rate"];

    public static DateTimeOffset NodeTime(int node) => Start.AddTicks((node * 40_000L + (long)(Mix(node, 1) % 30_000)) * 10);

    public static Guid NodeId(int node) => UuidV7(NodeTime(node), Mix(node, 2));

    /// <summary>A realistic small payload (about 150–250 bytes of JSON): a reason, a score, one or two evidence entries.</summary>
    public static string RealisticPayload(int node)
    {
        ulong bits = Mix(node, 3);
        var text = new StringBuilder(256).Append("{\"reason\":\"");
        for (int w = 0; w < 6 + (int)(bits % 7); w++)
        {
            text.Append(w == 0 ? "" : " ").Append(Words[(int)((bits >> (w * 4)) % (ulong)Words.Length)]);
        }

        text.Append("\",\"score\":").Append(((bits >> 20) % 10_000 / 100.0).ToString(CultureInfo.InvariantCulture)).Append(",\"evidence\":[");
        for (int i = 0; i <= (int)((bits >> 40) & 1); i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"metric\":\"").Append(Words[(int)((bits >> (44 + i * 4)) % (ulong)Words.Length)])
                .Append("\",\"value\":").Append((bits >> 24) % 100_000).Append('}');
        }

        return text.Append("]}").ToString();
    }

    /// <summary>A tiny payload (<c>{"n":…}</c>), for measuring the store's own overhead.</summary>
    public static string TinyPayload(int node) => string.Create(CultureInfo.InvariantCulture, $"{{\"n\":{node}}}");

    public static NodeInput Node(GeneratedGraph graph, int node, JsonElement payload, bool metadata = true) => new()
    {
        Id = NodeId(node),
        CreatedAt = NodeTime(node),
        Type = NodeTypes[graph.NodeTypes[node]],
        Author = Authors[(int)(Mix(node, 4) % (ulong)Authors.Length)],
        Payload = payload,
        Metadata = metadata && Mix(node, 5) % 10 < 3 ? Metadata(node) : null,
    };

    /// <summary>Edge e, created k µs after <paramref name="storedAfter"/>, the node it is stored after, when it is the k-th edge stored there.</summary>
    public static EdgeInput Edge(GeneratedGraph graph, int edge, int storedAfter)
    {
        var time = NodeTime(storedAfter).AddTicks((edge - graph.FirstEdge[storedAfter] + 1) * 10L);
        ulong bits = Mix(edge, 6);
        return new EdgeInput
        {
            Id = UuidV7(time, bits),
            CreatedAt = time,
            From = NodeId(graph.EdgeFrom[edge]),
            To = NodeId(graph.EdgeTo[edge]),
            Type = EdgeTypes[(int)(bits % (ulong)EdgeTypes.Length)],
            Weight = (bits >> 8) % 2 == 0 ? (bits >> 16) % 1000 / 1000.0 : null,
        };
    }

    /// <summary>Every input in store order: each node followed by the edges stored after it.</summary>
    public static IEnumerable<GraphItemInput> All(GeneratedGraph graph, Func<int, JsonElement> payload)
    {
        for (int node = 0; node < GeneratedGraph.NodeCount; node++)
        {
            yield return Node(graph, node, payload(node));
            for (int edge = graph.FirstEdge[node]; edge < graph.FirstEdge[node + 1]; edge++)
            {
                yield return Edge(graph, edge, node);
            }
        }
    }

    private static JsonElement Metadata(int node) =>
        JsonElement.Parse(string.Create(CultureInfo.InvariantCulture, $"{{\"confidence\":{Mix(node, 7) % 1000 / 1000.0},\"tags\":[\"{Words[node % Words.Length]}\"]}}"));

    private static Guid UuidV7(DateTimeOffset time, ulong random)
    {
        Span<byte> bytes = stackalloc byte[16];
        long ms = time.ToUnixTimeMilliseconds();
        for (int i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (40 - (8 * i)));
        }

        ulong more = Mix((long)random, 8);
        BitConverter.TryWriteBytes(bytes[6..], random);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (byte)(more & 0x3F));
        bytes[14] = (byte)(more >> 8);
        bytes[15] = (byte)(more >> 16);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>SplitMix64 of (index, stream): independent pseudo-random bits per item and purpose.</summary>
    private static ulong Mix(long index, int stream)
    {
        ulong z = ((ulong)index * 0x9E3779B97F4A7C15UL) + ((ulong)stream * 0xD1B54A32D192ED03UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
