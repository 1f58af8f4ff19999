using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Model;
using ReasoningGraph.Redaction;

namespace ReasoningGraph.Benchmarks.Redaction;

/// <summary>A typical catalog and node payloads carrying the personal data it names.</summary>
public static class RedactionInputs
{
    /// <summary>Seven entries covering every path form and mode.</summary>
    public static readonly PiiCatalog Catalog = PiiCatalog.Parse("""
        {"policy_version":"bench-1","fields":[
          {"json_path":"$.customer.email","category":"DIRECT_IDENTIFIER"},
          {"json_path":"$.customer.phone","category":"DIRECT_IDENTIFIER"},
          {"json_path":"$.customer.zip","category":"QUASI_IDENTIFIER"},
          {"json_path":"$..name","category":"DIRECT_IDENTIFIER"},
          {"json_path":"$.evidence[*].owner","category":"QUASI_IDENTIFIER","mode":"PII_HASH"},
          {"json_path":"$.diagnosis","category":"SENSITIVE"},
          {"json_path":"$.reason","category":"NON_PII"}]}
        """u8);

    /// <summary>The same catalog as naive path steps, for the JsonNode baseline (<c>..x</c> = any depth, <c>*</c> = any element).</summary>
    public static readonly (string[] Steps, string Mode)[] NaiveRules =
    [
        (["customer", "email"], "summary"), (["customer", "phone"], "summary"), (["customer", "zip"], "hash"),
        (["..name"], "summary"), (["evidence", "*", "owner"], "hash"), (["diagnosis"], "remove"),
    ];

    public static readonly byte[] Salt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    /// <summary>A node payload of about <paramref name="targetBytes"/> with PII (when <paramref name="withPii"/>) in every catalogued place.</summary>
    public static JsonElement Payload(int seed, int targetBytes, bool withPii = true)
    {
        var payload = JsonNode.Parse(NodeDocuments.Node(seed, targetBytes))!["payload"]!.AsObject();
        if (withPii)
        {
            payload["customer"] = new JsonObject
            {
                ["email"] = $"person{seed}@example.org", ["phone"] = "+31 20 555 0101", ["zip"] = "1011AB", ["name"] = "Ann Example", ["tier"] = "gold",
            };
            payload["diagnosis"] = "seasonal flu";
            foreach (var item in payload["evidence"]!.AsArray())
            {
                item!["owner"] = $"owner-{seed % 17}";
            }
        }

        return JsonDocument.Parse(payload.ToJsonString()).RootElement.Clone();
    }

    /// <summary>A 10,000-node trace: payloads of 300 B to 4 KB, half of them carrying PII.</summary>
    public static ReasoningNode[] Trace(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new ReasoningNode
        {
            Id = Guid.CreateVersion7(),
            Type = "observation",
            Author = "agent:bench",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Payload = Payload(i, 300 + (i * 7919 % 3800), withPii: i % 2 == 0),
            Metadata = JsonDocument.Parse("""{"confidence":0.9,"tags":["a","b"]}""").RootElement.Clone(),
            Seq = i + 1,
        }),
    ];

    public static int Size(JsonElement element) => Encoding.UTF8.GetByteCount(element.GetRawText());
}
