using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Interchange;

/// <summary>
/// The embedded store's audit events as journal lines: <c>{"kind":"audit_event","id","eventType","payload":{…},
/// "hash","prevHash"?,"signature","signerId","createdAt"}</c>, the payload written as its canonical bytes exactly.
/// Always written with <c>kind</c> first, which is how readers of the interchange format recognise and skip them.
/// </summary>
internal static class AuditEventLine
{
    private static ReadOnlySpan<byte> Prefix => "{\"kind\":\"audit_event\""u8;

    public static bool Is(RawLine line) => line.Content.Span.StartsWith(Prefix);

    public static void Write(IBufferWriter<byte> destination, AuditEvent auditEvent, bool continuesBatch)
    {
        using (var json = new Utf8JsonWriter(destination, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", "audit_event");
            json.WriteString("id", auditEvent.Id);
            json.WriteString("eventType", auditEvent.EventType);
            json.WritePropertyName("payload");
            json.WriteRawValue(auditEvent.Payload.Span, skipInputValidation: true);
            json.WriteString("hash", auditEvent.Hash);
            if (auditEvent.PrevHash is { } prev)
            {
                json.WriteString("prevHash", prev);
            }

            json.WriteString("signature", auditEvent.Signature);
            json.WriteString("signerId", auditEvent.SignerId);
            json.WriteString("createdAt", Rfc3339Nano.Format(auditEvent.CreatedAt));
            json.WriteEndObject();
        }

        destination.Write(continuesBatch ? " \n"u8 : "\n"u8);
    }

    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the line.</exception>
    public static AuditEvent Read(RawLine line)
    {
        try
        {
            using var document = JsonDocument.Parse(line.Content, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = document.RootElement;
            return new AuditEvent
            {
                Id = root.GetProperty("id").GetGuid(),
                EventType = root.GetProperty("eventType").GetString()!,
                Payload = System.Text.Encoding.UTF8.GetBytes(root.GetProperty("payload").GetRawText()),
                Hash = root.GetProperty("hash").GetString()!,
                PrevHash = root.TryGetProperty("prevHash", out var prev) ? prev.GetString() : null,
                Signature = root.GetProperty("signature").GetString()!,
                SignerId = root.GetProperty("signerId").GetString()!,
                CreatedAt = Rfc3339Nano.TryParse(root.GetProperty("createdAt").GetString(), out var createdAt)
                    ? createdAt
                    : throw new FormatException("createdAt is not an RFC 3339 time."),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            var error = GraphErrors.InvalidPayload("line", "Not a valid audit event line: " + e.Message, reason: "invalid-line");
            throw GraphErrors.AtLine(error, line.Number);
        }
    }
}
