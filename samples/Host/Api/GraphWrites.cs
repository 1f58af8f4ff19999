using System.Text.Json;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Api;

/// <summary>What every write endpoint shares: one atomic append and the status it answers with.</summary>
internal static class GraphWrites
{
    /// <summary>201 when something was written, 200 for an idempotent replay (same id, same content).</summary>
    public static int StatusOf(AppendResult result) =>
        result.Created.Count > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK;

    public static Task<AppendResult> AppendAsync(IReasoningGraph graph, IEnumerable<GraphItemInput> inputs, CancellationToken cancellationToken) =>
        graph.AppendAsync(new GraphBatch(inputs), cancellationToken);

    /// <summary>The Go service's write answer: <c>{"&lt;kind&gt;Id", "createdAt"}</c>.</summary>
    public static void WriteIdAndTime(Utf8JsonWriter writer, string idName, GraphItem item)
    {
        writer.WriteString(idName, item.Id);
        writer.WriteString("createdAt", Rfc3339Nano.Format(item.CreatedAt));
    }

    /// <summary>A batch answer: one <c>{"&lt;kind&gt;Id","createdAt"}</c> per input, in batch order, and the count written.</summary>
    public static EnvelopeResult BatchResult(AppendResult result, string arrayName, string idName) =>
        new(StatusOf(result), writer =>
        {
            writer.WriteStartArray(arrayName);
            foreach (var item in result.Items)
            {
                writer.WriteStartObject();
                WriteIdAndTime(writer, idName, item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("written", result.Created.Count);
        });
}
