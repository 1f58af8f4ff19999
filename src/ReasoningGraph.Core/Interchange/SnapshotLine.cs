using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Interchange;

/// <summary>
/// The embedded store's snapshots as journal lines: <c>{"kind":"snapshot",…}</c> when a snapshot is stored pending
/// (its signed bytes written as they are, canonical JSON) and <c>{"kind":"snapshot_signed",…}</c> when it is signed
/// (the document as served, the signature and the id of its audit event, which follows in the same batch). Written
/// with <c>kind</c> first, so interchange readers recognise and skip them.
/// </summary>
internal static class SnapshotLine
{
    private static ReadOnlySpan<byte> Prefix => "{\"kind\":\"snapshot"u8;

    public static bool Is(RawLine line) => line.Content.Span.StartsWith(Prefix);

    public static void WritePending(IBufferWriter<byte> destination, StoredSnapshot snapshot, bool continuesBatch)
    {
        using (var json = new Utf8JsonWriter(destination, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", "snapshot");
            json.WriteString("id", snapshot.Id);
            if (snapshot.RequestId is { } requestId)
            {
                json.WriteString("requestId", requestId);
            }

            json.WriteStartArray("rootIds");
            foreach (var root in snapshot.RootIds)
            {
                json.WriteStringValue(root);
            }

            json.WriteEndArray();
            json.WriteNumber("depth", snapshot.Depth);
            json.WriteString("audience", snapshot.Audience == SnapshotAudience.Auditor ? "auditor" : "operator");
            json.WriteString("createdAt", Rfc3339Nano.Format(snapshot.CreatedAt));
            json.WriteString("actor", snapshot.Actor);
            json.WritePropertyName("signedBytes");
            json.WriteRawValue(snapshot.SignedBytes.Span, skipInputValidation: true);
            json.WriteEndObject();
        }

        destination.Write(continuesBatch ? " \n"u8 : "\n"u8);
    }

    public static void WriteSigned(IBufferWriter<byte> destination, Guid id, SignedSnapshot document, Guid auditEventId, bool continuesBatch)
    {
        using (var json = new Utf8JsonWriter(destination, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", "snapshot_signed");
            json.WriteString("id", id);
            json.WriteString("signerId", document.SignerId);
            json.WriteBase64String("signature", document.Signature.Span);
            json.WriteString("auditEventId", auditEventId);
            json.WritePropertyName("document");
            json.WriteRawValue(document.Document.Span, skipInputValidation: true);
            json.WriteEndObject();
        }

        destination.Write(continuesBatch ? " \n"u8 : "\n"u8);
    }

    /// <summary>A line read back: a pending snapshot, or the signing of one.</summary>
    public sealed record Record(StoredSnapshot? Pending, Guid Id, SignedParts? Signed);

    /// <summary>What a <c>snapshot_signed</c> line holds; the signed bytes come from the pending line.</summary>
    public sealed record SignedParts(byte[] Document, string SignerId, byte[] Signature, Guid AuditEventId)
    {
        public SignedSnapshot ToSignedSnapshot(ReadOnlyMemory<byte> signedBytes) =>
            new(Document, signedBytes.ToArray(), SHA256.HashData(signedBytes.Span), SignerId, Signature);
    }

    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the line.</exception>
    public static Record Read(RawLine line)
    {
        try
        {
            using var document = JsonDocument.Parse(line.Content, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = document.RootElement;
            var id = root.GetProperty("id").GetGuid();
            if (root.GetProperty("kind").GetString() == "snapshot_signed")
            {
                return new Record(null, id, new SignedParts(
                    System.Text.Encoding.UTF8.GetBytes(root.GetProperty("document").GetRawText()),
                    root.GetProperty("signerId").GetString()!,
                    root.GetProperty("signature").GetBytesFromBase64(),
                    root.GetProperty("auditEventId").GetGuid()));
            }

            var pending = new StoredSnapshot
            {
                Id = id,
                RequestId = root.TryGetProperty("requestId", out var requestId) ? requestId.GetString() : null,
                RootIds = [.. root.GetProperty("rootIds").EnumerateArray().Select(r => r.GetGuid())],
                Depth = root.GetProperty("depth").GetInt32(),
                Audience = root.GetProperty("audience").GetString() == "auditor" ? SnapshotAudience.Auditor : SnapshotAudience.Operator,
                CreatedAt = Rfc3339Nano.TryParse(root.GetProperty("createdAt").GetString(), out var createdAt) ? createdAt : throw new FormatException("createdAt is not an RFC 3339 time."),
                Actor = root.GetProperty("actor").GetString()!,
                Status = SnapshotStatus.Pending,
                SignedBytes = System.Text.Encoding.UTF8.GetBytes(root.GetProperty("signedBytes").GetRawText()),
            };
            return new Record(pending, id, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            var error = GraphErrors.InvalidPayload("line", "Not a valid snapshot line: " + e.Message, reason: "invalid-line");
            throw GraphErrors.AtLine(error, line.Number);
        }
    }
}
