using System.Text.Json;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive.Export;

/// <summary>
/// How far an export destination has got: every signed snapshot of its audience with <c>seq</c> up to
/// <see cref="Seq"/> is in a batch there. Stored as <c>watermark.json</c> beside the batches:
/// <c>{"graph_id","audience","seq","batch"}</c>. It is only written after the batch it names is durably stored.
/// </summary>
/// <param name="GraphId">The graph exported (a destination holds one graph's snapshots).</param>
/// <param name="Audience">The audience exported: <c>operator</c> or <c>auditor</c>.</param>
/// <param name="Seq">The highest exported <c>seq</c>; 0 before the first batch.</param>
/// <param name="Batch">The name of the batch holding <see cref="Seq"/>, or null before the first batch.</param>
public sealed record ExportWatermark(string GraphId, string Audience, long Seq, string? Batch)
{
    /// <summary>The watermark's object name beside the batches.</summary>
    public const string Name = "watermark.json";

    /// <summary>The JSON form.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("graph_id", GraphId);
            json.WriteString("audience", Audience);
            json.WriteNumber("seq", Seq);
            json.WriteString("batch", Batch);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the JSON form.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="location">Where it was read, for the error.</param>
    /// <returns>The watermark.</returns>
    /// <exception cref="ArchiveException"><c>INVALID_PAYLOAD</c>: not a watermark.</exception>
    public static ExportWatermark FromJson(ReadOnlySpan<byte> json, string location)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("graph_id", out var graph) && graph.ValueKind == JsonValueKind.String
                && root.TryGetProperty("audience", out var audience) && audience.ValueKind == JsonValueKind.String
                && root.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out long value) && value >= 0
                && root.TryGetProperty("batch", out var batch) && batch.ValueKind is JsonValueKind.String or JsonValueKind.Null)
            {
                return new ExportWatermark(graph.GetString()!, audience.GetString()!, value, batch.GetString());
            }
        }
        catch (JsonException)
        {
            // Reported below.
        }

        throw new ArchiveException(ErrorCodes.InvalidPayload, ArchiveFailureReasons.InvalidDocument, $"'{location}' is not an export watermark.", ExportWatermark.Name);
    }
}
