using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Signing.Notes;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>verify-snapshot --log-verifier-key</c>: the document's <c>log_checkpoint</c> (attached outside the signed bytes)
/// must be a checkpoint signed by that key. Its verdict: <c>verified</c>, <c>log-checkpoint-missing</c>,
/// <c>log-checkpoint-signature</c> (no line of the key verifies) or <c>log-checkpoint-malformed</c>.
/// </summary>
internal sealed record SnapshotLogCheckpoint(bool Verified, string Reason, string Message, LogCheckpoint? Checkpoint)
{
    public static SnapshotLogCheckpoint Check(ReadOnlySpan<byte> document, NoteKey key)
    {
        string? note;
        try
        {
            using var parsed = JsonDocument.Parse(document.ToArray());
            note = parsed.RootElement.TryGetProperty(SnapshotDocumentFields.LogCheckpoint, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;
        }
        catch (JsonException)
        {
            note = null;
        }

        if (note is null)
        {
            return new(false, "log-checkpoint-missing", "The document carries no log_checkpoint.", null);
        }

        if (SignedNote.Open(note, key) is not { } text)
        {
            return new(false, "log-checkpoint-signature", $"The document's log_checkpoint is not signed by {key.Name} ({key.KeyId:x8}).", null);
        }

        try
        {
            var checkpoint = LogCheckpoint.Parse(text);
            return new(true, "verified", $"log_checkpoint: {checkpoint.Origin} at {checkpoint.TreeSize} events, signed by {key.Name}.", checkpoint);
        }
        catch (FormatException e)
        {
            return new(false, "log-checkpoint-malformed", e.Message, null);
        }
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("logCheckpoint");
        json.WriteBoolean("verified", Verified);
        json.WriteString("reason", Reason);
        json.WriteString("message", Message);
        if (Checkpoint is not null)
        {
            json.WriteString("origin", Checkpoint.Origin);
            json.WriteNumber("treeSize", Checkpoint.TreeSize);
        }

        json.WriteEndObject();
    }
}
