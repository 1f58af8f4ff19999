using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Interchange;

/// <summary>
/// The embedded store's stored log checkpoints as journal lines: <c>{"kind":"log_checkpoint","id","treeSize",
/// "signedNote","createdAt","auditEventId"}</c>, followed in the same batch by the <c>reason.log.checkpoint</c> audit
/// event that records it (the columns of PostgreSQL's <c>log_checkpoints</c> rows). Written with <c>kind</c> first, so
/// interchange readers recognise and skip them.
/// </summary>
internal static class CheckpointLine
{
    private static ReadOnlySpan<byte> Prefix => "{\"kind\":\"log_checkpoint\""u8;

    public static bool Is(RawLine line) => line.Content.Span.StartsWith(Prefix);

    public static void Write(IBufferWriter<byte> destination, StoredCheckpoint checkpoint, bool continuesBatch)
    {
        using (var json = new Utf8JsonWriter(destination, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", "log_checkpoint");
            json.WriteString("id", checkpoint.Id);
            json.WriteNumber("treeSize", checkpoint.TreeSize);
            json.WriteString("signedNote", checkpoint.SignedNote);
            json.WriteString("createdAt", Rfc3339Nano.Format(checkpoint.CreatedAt));
            json.WriteString("auditEventId", checkpoint.AuditEventId);
            json.WriteEndObject();
        }

        destination.Write(continuesBatch ? " \n"u8 : "\n"u8);
    }

    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the line.</exception>
    public static StoredCheckpoint Read(RawLine line)
    {
        try
        {
            using var document = JsonDocument.Parse(line.Content, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = document.RootElement;
            return new StoredCheckpoint(
                root.GetProperty("id").GetGuid(),
                root.GetProperty("treeSize").GetInt64(),
                root.GetProperty("signedNote").GetString() ?? throw new FormatException("signedNote is null."),
                Rfc3339Nano.TryParse(root.GetProperty("createdAt").GetString(), out var createdAt) ? createdAt : throw new FormatException("createdAt is not an RFC 3339 time."),
                root.GetProperty("auditEventId").GetGuid());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            var error = GraphErrors.InvalidPayload("line", "Not a valid log checkpoint line: " + e.Message, reason: "invalid-line");
            throw GraphErrors.AtLine(error, line.Number);
        }
    }
}
