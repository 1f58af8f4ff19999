using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Writes the payload of INTEROP.md §3: <c>nodes</c>, <c>edges</c> and <c>annotations</c> sorted by id (as lowercase
/// strings, which <see cref="Guid.CompareTo(Guid)"/> matches), <c>audience</c>, <c>pii_included</c> and
/// <c>pii_policy_version</c>. Items are written as their own types (DESIGN.md field names); the document signer
/// canonicalizes the result.
/// </summary>
internal static class SnapshotPayloadWriter
{
    public static byte[] Write(CollectedSubgraph subgraph, SnapshotAudience audience, ISnapshotRedactor redactor)
    {
        bool piiIncluded = audience == SnapshotAudience.Auditor;
        var buffer = new ArrayBufferWriter<byte>(EstimateSize(subgraph));
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            WriteItems(json, "annotations", subgraph.Annotations, piiIncluded, redactor);
            json.WriteString("audience", audience == SnapshotAudience.Auditor ? "auditor" : "operator");
            WriteItems(json, "edges", subgraph.Edges, piiIncluded, redactor);
            WriteItems(json, "nodes", subgraph.Nodes, piiIncluded, redactor);
            json.WriteBoolean("pii_included", piiIncluded);
            json.WriteString("pii_policy_version", redactor.PolicyVersion);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteItems<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, bool piiIncluded, ISnapshotRedactor redactor)
        where T : GraphItem
    {
        var sorted = items.ToArray();
        Array.Sort(sorted, static (x, y) => x.Id.CompareTo(y.Id));
        json.WriteStartArray(name);
        foreach (var item in sorted)
        {
            GraphJson.WriteItem(json, piiIncluded ? item : redactor.Redact(item));
        }

        json.WriteEndArray();
    }

    private static int EstimateSize(CollectedSubgraph subgraph) =>
        (int)Math.Min(int.MaxValue / 2, 256L + (subgraph.Nodes.Length * 256L) + (subgraph.Edges.Length * 192L) + (subgraph.Annotations.Count * 192L));
}
