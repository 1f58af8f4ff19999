using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Export;

/// <summary>
/// What a snapshot document says, read for the auditor's page (<see cref="SnapshotPage"/>): its members as written and
/// the items of its payload. Nothing here is trusted: whether the document is what was signed is the verifier's
/// verdict, shown beside it.
/// </summary>
internal sealed record SnapshotPageContent
{
    public string? Id { get; init; }

    public IReadOnlyList<string> RootIds { get; init; } = [];

    public string? CreatedAt { get; init; }

    public string? Version { get; init; }

    public string? Audience { get; init; }

    public bool? PiiIncluded { get; init; }

    public string? PiiPolicyVersion { get; init; }

    public string? Hash { get; init; }

    public string? SignerKid { get; init; }

    public string? Signature { get; init; }

    public required IReadOnlyList<ReasoningNode> Nodes { get; init; }

    public required IReadOnlyList<ReasoningEdge> Edges { get; init; }

    public required IReadOnlyList<ReasoningAnnotation> Annotations { get; init; }

    /// <summary>Reads a snapshot document (INTEROP §3).</summary>
    /// <exception cref="FormatException">Not JSON, not an object, no payload with its three item arrays, or an item that is not one.</exception>
    public static SnapshotPageContent Read(ReadOnlyMemory<byte> document)
    {
        try
        {
            using var parsed = JsonDocument.Parse(document);
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object with a payload object.");
            }

            return new SnapshotPageContent
            {
                Id = Text(root, "id"),
                RootIds = root.TryGetProperty("root_ids", out var roots) && roots.ValueKind == JsonValueKind.Array
                    ? [.. roots.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : r.GetRawText())]
                    : [],
                CreatedAt = Text(root, "created_at"),
                Version = Text(root, "reasoning_graph_version"),
                Audience = Text(payload, "audience"),
                PiiIncluded = payload.TryGetProperty("pii_included", out var pii) && pii.ValueKind is JsonValueKind.True or JsonValueKind.False ? pii.GetBoolean() : null,
                PiiPolicyVersion = Text(payload, "pii_policy_version"),
                Hash = Text(root, "hash"),
                SignerKid = Text(root, "signer_kid"),
                Signature = Text(root, "signature"),
                Nodes = Items(payload, "nodes", GraphJson.Node, n => n.Metadata),
                Edges = Items(payload, "edges", GraphJson.Edge, e => e.Metadata),
                Annotations = Items(payload, "annotations", GraphJson.Annotation, a => a.Payload),
            };
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>The items as one import batch: nodes, then edges, then annotations, each by (createdAt, id), so every reference is to an item before it.</summary>
    public GraphBatch ToImportBatch()
    {
        var batch = new GraphBatch();
        long line = 0;
        foreach (GraphItem item in Ordered(Nodes).Concat<GraphItem>(Ordered(Edges)).Concat(Ordered(Annotations)))
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                JsonSerializer.Serialize(writer, item, GraphJson.Item); // the interchange line: the item with its kind
            }

            batch.Add(GraphInterchange.ParseLine(buffer.WrittenSpan, ++line));
        }

        return batch;
    }

    private static IEnumerable<T> Ordered<T>(IEnumerable<T> items)
        where T : GraphItem => items.OrderBy(i => i.CreatedAt.UtcTicks).ThenBy(i => i.Id);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The items of one array; <paramref name="written"/> names a member the snapshot writer always writes (an absent one reads as undefined).</summary>
    private static List<T> Items<T>(JsonElement payload, string name, JsonTypeInfo<T> type, Func<T, JsonElement> written)
    {
        if (!payload.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"its payload has no {name} array.");
        }

        var items = new List<T>(array.GetArrayLength());
        int index = 0;
        foreach (var element in array.EnumerateArray())
        {
            try
            {
                var item = element.Deserialize(type) ?? throw new JsonException("null is not an item.");
                items.Add(written(item).ValueKind != JsonValueKind.Undefined ? item : throw new JsonException("a member every item has (metadata, payload) is missing."));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new FormatException($"payload.{name}[{index}] is not an item: {e.Message}", e);
            }

            index++;
        }

        return items;
    }
}
