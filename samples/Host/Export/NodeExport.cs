using System.Buffers;
using System.Text.Json;
using ReasoningGraph.Explanations;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Tracing;

namespace ReasoningGraph.Host.Export;

/// <summary>
/// What <c>GET /reason/export/{id}</c> shows about a node, already passed through the caller's read view: its ordered
/// causal trace (nodes, edges, their annotations and corrections, cycle facts), the rationale built from it, and the
/// verification data of the latest signed snapshot rooted at it.
/// </summary>
internal sealed record NodeExport(Guid NodeId, DateTimeOffset GeneratedAt, bool PiiRedacted, CausalTrace Trace, Explanation Explanation, StoredSnapshot? Snapshot)
{
    /// <summary>
    /// The export object: <c>{nodeId, generatedAt, piiRedacted, trace, explanation, snapshot}</c>, <c>snapshot</c> being
    /// null or <c>{snapshotId, createdAt, audience, rootIds, depth, hash, signerKid, signature, auditEventId}</c>.
    /// </summary>
    public void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("nodeId", NodeId.ToString());
        writer.WriteString("generatedAt", Rfc3339Nano.Format(GeneratedAt));
        writer.WriteBoolean("piiRedacted", PiiRedacted);
        writer.WritePropertyName("trace");
        JsonSerializer.Serialize(writer, Trace, ResultJson.CausalTrace);
        writer.WritePropertyName("explanation");
        JsonSerializer.Serialize(writer, Explanation, ResultJson.Explanation);
        writer.WritePropertyName("snapshot");
        if (Snapshot is not { } s)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("snapshotId", s.Id.ToString());
        writer.WriteString("createdAt", Rfc3339Nano.Format(s.CreatedAt));
        writer.WriteString("audience", s.Audience == SnapshotAudience.Auditor ? "auditor" : "operator");
        writer.WriteStartArray("rootIds");
        foreach (var root in s.RootIds)
        {
            writer.WriteStringValue(root.ToString());
        }

        writer.WriteEndArray();
        writer.WriteNumber("depth", s.Depth);
        writer.WriteString("hash", s.Hash);
        writer.WriteString("signerKid", s.SignerId);
        writer.WriteString("signature", s.Signature);
        writer.WriteString("auditEventId", s.AuditEventId?.ToString());
        writer.WriteEndObject();
    }

    /// <summary>The export object alone, as UTF-8 JSON (not canonical).</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
