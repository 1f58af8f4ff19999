using System.Text.Json;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Model;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// One traversal page in the Go service's shape and the library's at once: the library's members (<c>root</c>,
/// <c>direction</c>, <c>steps</c>, <c>edges</c> with <c>revisit</c>, <c>cycleDetected</c>, <c>nextCursor</c>) plus the
/// Go fields (<c>startNodeId</c>, <c>depth</c>, <c>visited</c>, <c>generatedAt</c>, and per step <c>incoming</c>,
/// <c>outgoing</c> and <c>cycleDetected</c>: an edge traversed from that node reached an already visited node).
/// </summary>
internal static class TraceResponse
{
    public static EnvelopeResult Create(TraversalPage page, int requestedDepth, DateTimeOffset generatedAt) => new(StatusCodes.Status200OK, writer =>
    {
        using var document = JsonSerializer.SerializeToDocument(page, ResultJson.TraversalPage);
        var root = document.RootElement;
        var edges = root.GetProperty("edges");
        string walkFrom = page.Direction == TraversalDirection.Ancestors ? "to" : "from";
        foreach (var member in root.EnumerateObject())
        {
            if (member.NameEquals("steps"))
            {
                WriteSteps(writer, member.Value, edges, walkFrom);
            }
            else
            {
                member.WriteTo(writer);
            }
        }

        writer.WriteString("startNodeId", page.Root);
        writer.WriteNumber("depth", requestedDepth);
        writer.WriteStartArray("visited");
        foreach (var step in page.Steps)
        {
            writer.WriteStringValue(step.Node.Id);
        }

        writer.WriteEndArray();
        writer.WriteString("generatedAt", Rfc3339Nano.Format(generatedAt));
    });

    /// <summary>
    /// The steps, each with its <c>incoming</c> and <c>outgoing</c> edges and whether an edge walked from it was a
    /// revisit; the edges are indexed by their ends once, so a page costs O(steps + edges).
    /// </summary>
    private static void WriteSteps(Utf8JsonWriter writer, JsonElement steps, JsonElement edges, string walkFrom)
    {
        var incoming = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var outgoing = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var revisitedFrom = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in edges.EnumerateArray())
        {
            AddTo(incoming, edge.GetProperty("to").GetString()!, edge);
            AddTo(outgoing, edge.GetProperty("from").GetString()!, edge);
            if (edge.GetProperty("revisit").GetBoolean())
            {
                revisitedFrom.Add(edge.GetProperty(walkFrom).GetString()!);
            }
        }

        writer.WriteStartArray("steps");
        foreach (var step in steps.EnumerateArray())
        {
            string id = step.GetProperty("node").GetProperty("id").GetString()!;
            writer.WriteStartObject();
            foreach (var member in step.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            WriteEdges(writer, "incoming", incoming.GetValueOrDefault(id));
            WriteEdges(writer, "outgoing", outgoing.GetValueOrDefault(id));
            writer.WriteBoolean("cycleDetected", revisitedFrom.Contains(id));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void AddTo(Dictionary<string, List<JsonElement>> index, string id, JsonElement edge)
    {
        if (!index.TryGetValue(id, out var list))
        {
            index[id] = list = [];
        }

        list.Add(edge);
    }

    private static void WriteEdges(Utf8JsonWriter writer, string name, List<JsonElement>? edges)
    {
        writer.WriteStartArray(name);
        foreach (var edge in edges ?? [])
        {
            edge.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
