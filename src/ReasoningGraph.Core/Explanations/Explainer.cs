using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Tracing;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Explanations;

/// <summary>Turns an ordered causal trace into a readable rationale.</summary>
internal static class Explainer
{
    private static readonly string[] RationaleKeys = ["reason", "rationale", "explanation", "summary", "decision", "description", "text", "note", "title"];

    /// <summary>Compact, and escaping only what JSON requires: the text is read by people, not embedded in HTML.</summary>
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Explanation Explain(CausalTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var nodes = trace.OrderedPath.Where(e => e.Item is ReasoningNode).ToList();
        var components = nodes.Select(e => new ExplanationComponent
        {
            Name = $"{e.EntityType} {e.Id}",
            Value = Rationale(((ReasoningNode)e.Item).Payload),
            Confidence = Confidence(((ReasoningNode)e.Item).Metadata),
        }).ToList();

        var evidence = new List<ExplanationEvidence>();
        foreach (var entry in trace.OrderedPath)
        {
            if (entry.AuditRef is { } audit)
            {
                evidence.Add(new ExplanationEvidence { AuditRef = audit.EventId, Note = $"{entry.Type} {entry.EntityType} {entry.Id} recorded at {Rfc3339Nano.Format(entry.Timestamp)}" });
            }

            foreach (var annotation in entry.Annotations)
            {
                evidence.Add(new ExplanationEvidence
                {
                    AuditRef = annotation.Id.ToString(),
                    Note = $"{annotation.AnnotationType} by {annotation.Author} on {entry.Type} {entry.Id}: {Rationale(annotation.Payload)}",
                });
            }
        }

        return new Explanation { Summary = Summarize(trace, nodes), Components = components, Evidence = evidence };
    }

    private static string Summarize(CausalTrace trace, List<CausalTraceEntry> nodes)
    {
        var target = nodes.FirstOrDefault(n => n.Id.ToString() == trace.TraceId)
            ?? (nodes.Count > 0 ? nodes[^1] : throw new ArgumentException("The trace holds no node.", nameof(trace)));
        var node = (ReasoningNode)target.Item;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{node.Type} {node.Id} by {node.Author}");
        if (Confidence(node.Metadata) is { } confidence)
        {
            text.Append(CultureInfo.InvariantCulture, $" (confidence {confidence})");
        }

        text.Append(": ").Append(Rationale(node.Payload)).Append('.');
        var earlier = nodes.Where(n => n != target).ToList();
        text.Append(earlier.Count == 0
            ? " No earlier step was recorded."
            : string.Create(CultureInfo.InvariantCulture, $" It rests on {earlier.Count} earlier step{(earlier.Count == 1 ? "" : "s")}: {string.Join("; ", earlier.Select(n => $"{n.EntityType} ({Rationale(((ReasoningNode)n.Item).Payload)})"))}."));

        var corrections = trace.OrderedPath.SelectMany(e => e.Annotations.Where(a => a.AnnotationType == WellKnownAnnotationTypes.Correction)
                .Select(a => $"{e.EntityType} {e.Id} corrected by {a.Author}: {Rationale(a.Payload)}"))
            .Concat(nodes.Where(n => n.EntityType == WellKnownNodeTypes.Correction).Select(n => $"correction {n.Id}: {Rationale(((ReasoningNode)n.Item).Payload)}"))
            .ToList();
        if (corrections.Count > 0)
        {
            text.Append(" Corrections: ").AppendJoin("; ", corrections).Append('.');
        }

        if (trace.Metadata.CycleDetected)
        {
            text.Append(CultureInfo.InvariantCulture, $" The reasoning is circular: {trace.Metadata.CycleNodes.Count} step(s) lie on a cycle.");
        }

        if (trace.Metadata.Truncated)
        {
            text.Append(" The history was cut at the configured trace size limit.");
        }

        return text.ToString();
    }

    private static string Rationale(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return "(no payload)";
        }

        var parts = new List<string>();
        foreach (var key in RationaleKeys)
        {
            if (payload.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s)
            {
                parts.Add(s);
                break;
            }
        }

        if (payload.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number)
        {
            parts.Add("score " + score.GetRawText());
        }

        if (parts.Count > 0)
        {
            return string.Join(", ", parts);
        }

        string raw = CompactText(payload);
        return raw.Length <= 160 ? raw : string.Concat(raw.AsSpan(0, 157), "...");
    }

    /// <summary>
    /// The payload rewritten without whitespace and with its strings' escapes decoded: a payload is kept as it was sent,
    /// so its raw text would make the explanation depend on how the sender spaced and escaped it.
    /// </summary>
    private static string CompactText(JsonElement payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            payload.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static double? Confidence(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("confidence", out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
