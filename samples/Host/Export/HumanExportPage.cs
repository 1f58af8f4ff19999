using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReasoningGraph.Explanations;
using ReasoningGraph.Model;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Tracing;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Host.Export;

/// <summary>
/// The auditor's page (<c>format=human</c>): one self-contained HTML document — inline CSS and SVG, no scripts, no
/// external assets — with the rationale, the drawn graph, the trace as a timeline (who, what, why, confidence, audit
/// reference, cycle markers), the annotations and corrections, and the snapshot's verification data with the steps
/// to verify it offline. Everything that comes from the graph is HTML-encoded: payloads are hostile input.
/// </summary>
internal static class HumanExportPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d1d1f;max-width:1100px}
        h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
        .muted{color:#666}.mono,code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
        pre{background:#f6f8fa;padding:8px;border-radius:4px;white-space:pre-wrap;word-break:break-all;margin:4px 0}
        ol.timeline{list-style:none;padding-left:0}ol.timeline>li{border-left:3px solid #4a6fa5;padding:6px 12px;margin:0 0 12px 8px}
        li.edge{border-left-color:#aaa!important}li.on-cycle{border-left-color:#c0392b!important;background:#fdecea}
        .badge{display:inline-block;font-size:11px;padding:1px 6px;border-radius:8px;background:#e1e8f5;margin-left:4px}
        .cycle-badge{background:#c0392b;color:#fff}.correction{background:#fff3cd}
        table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
        .graph{overflow-x:auto;border:1px solid #eee;padding:8px}
        .verdict{border:2px solid;border-radius:6px;padding:10px 14px;margin:12px 0;font-size:15px}
        .verdict.verified{border-color:#1e7e34;background:#e6f4ea}.verdict.failed{border-color:#c0392b;background:#fdecea}
        .verdict.not-verified{border-color:#b8860b;background:#fff3cd}
        """;

    /// <summary>
    /// The page's policy: nothing but its own inline style and data images, no script. Sent as a response header by
    /// the service (a meta tag cannot carry every directive and comes after the head has been parsed), and repeated as a
    /// meta tag so a saved copy keeps it.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    public static string Render(NodeExport export)
    {
        var trace = export.Trace;
        var why = WhyById(trace, export.Explanation);
        var html = new StringBuilder(16 * 1024);
        AppendHead(html, $"Reasoning export {export.NodeId}");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Reasoning export of node <span class=\"mono\" id=\"exported-node\">{export.NodeId}</span></h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Generated {E(Rfc3339Nano.Format(export.GeneratedAt))} · {trace.Metadata.Length} items in causal order");
        html.Append(export.PiiRedacted ? " · personal data redacted for this reader" : " · content as stored");
        html.Append(trace.Metadata.Truncated ? " · <strong>truncated</strong>: the trace reached the size limit" : "").Append("</p>");

        html.Append("<h2>Rationale</h2><p id=\"summary\">").Append(E(export.Explanation.Summary)).Append("</p>");
        if (trace.Metadata.CycleDetected)
        {
            html.Append("<p id=\"cycles\"><span class=\"badge cycle-badge\">cycle</span> The causes of this node contain a cycle; the nodes on it are marked ↻: ");
            html.AppendJoin(", ", trace.Metadata.CycleNodes.Select(id => $"<span class=\"mono\">{id}</span>")).Append("</p>");
        }

        html.Append("<h2>Graph</h2><div class=\"graph\">").Append(GraphSvg.Render(trace, export.NodeId)).Append("</div>");
        html.Append("<h2>Timeline</h2>");
        AppendTimeline(html, trace, why, "timeline");
        AppendAnnotations(html, trace.OrderedPath.SelectMany(e => e.Annotations));
        AppendVerification(html, export.Snapshot);
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The document up to and including <c>&lt;body&gt;</c>: charset, the policy as a meta tag (for a saved copy), title, style.</summary>
    internal static void AppendHead(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title><style>{Style}</style></head><body>");
    }

    /// <summary>The trace's entries, in its order, after a sentence saying what that order is.</summary>
    internal static void AppendTimeline(StringBuilder html, CausalTrace trace, Dictionary<Guid, string> why, string id)
    {
        html.Append("<p class=\"muted timeline-order\">In causal order: every cause before what it caused. An edge comes after the node it leaves, ");
        html.Append("a node after every edge that reaches it; among the items free to come next, the one created first (then the smaller id) comes first. ");
        html.Append("Items on a cycle have no such order and come last, in order of creation; # is the position in this order.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<ol class=\"timeline\" id=\"{id}\">");
        var onCycle = trace.Metadata.CycleNodes.ToHashSet();
        foreach (var entry in trace.OrderedPath)
        {
            AppendEntry(html, entry, why, onCycle);
        }

        html.Append("</ol>");
    }

    private static void AppendEntry(StringBuilder html, CausalTraceEntry entry, Dictionary<Guid, string> why, HashSet<Guid> onCycle)
    {
        bool cyclic = onCycle.Contains(entry.Id);
        html.Append(CultureInfo.InvariantCulture, $"<li class=\"{entry.Type}{(cyclic ? " on-cycle" : "")}\" data-id=\"{entry.Id}\">");
        html.Append(CultureInfo.InvariantCulture, $"<div><strong>#{entry.CausalIndex}</strong> <span class=\"muted\">{E(Rfc3339Nano.Format(entry.Timestamp))}</span> ");
        switch (entry.Item)
        {
            case ReasoningNode node:
                html.Append(CultureInfo.InvariantCulture, $"<span class=\"badge\">node</span> <strong>{E(node.Type)}</strong> <span class=\"mono\">{node.Id}</span>");
                if (cyclic)
                {
                    html.Append(" <span class=\"badge cycle-badge\">↻ on a cycle</span>");
                }

                html.Append("</div><table>");
                Row(html, "who", E(node.Author));
                Row(html, "what", "<pre>" + E(Indented(node.Payload)) + "</pre>");
                Row(html, "why", (why.TryGetValue(node.Id, out string? reason) ? E(reason) : "") +
                    (entry.ParentIds.Count > 0 ? "<br><span class=\"muted\">caused by</span> " + string.Join(", ", entry.ParentIds.Select(p => $"<span class=\"mono\">{p}</span>")) : ""));
                Row(html, "confidence", Confidence(node.Metadata) is { } c ? E(c) : "<span class=\"muted\">not stated</span>");
                break;
            case ReasoningEdge edge:
                html.Append(CultureInfo.InvariantCulture, $"<span class=\"badge\">edge</span> <strong>{E(edge.Type)}</strong> <span class=\"mono\">{edge.From} → {edge.To}</span>");
                html.Append("</div><table>");
                if (edge.Weight is { } weight)
                {
                    Row(html, "weight", E(weight.ToString(CultureInfo.InvariantCulture)));
                }

                break;
        }

        Row(html, "audit", entry.AuditRef is { } audit ? "<span class=\"mono\">" + E(audit.EventId) + "</span>" : "<span class=\"muted\">none</span>");
        html.Append("</table>");
        foreach (var annotation in entry.Annotations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"{(annotation.AnnotationType == WellKnownAnnotationTypes.Correction ? "correction" : "")}\"><span class=\"badge\">{E(annotation.AnnotationType)}</span> by {E(annotation.Author)}<pre>{E(Indented(annotation.Payload))}</pre></div>");
        }

        html.Append("</li>");
    }

    internal static void AppendAnnotations(StringBuilder html, IEnumerable<ReasoningAnnotation> all)
    {
        var annotations = all.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
        html.Append("<h2>Annotations and corrections</h2>");
        if (annotations.Count == 0)
        {
            html.Append("<p class=\"muted\" id=\"annotations\">None.</p>");
            return;
        }

        html.Append("<table id=\"annotations\"><tr><th>when</th><th>type</th><th>on</th><th>by</th><th>content</th></tr>");
        foreach (var a in annotations)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(a.AnnotationType == WellKnownAnnotationTypes.Correction ? "correction" : "")}\"><td>{E(Rfc3339Nano.Format(a.CreatedAt))}</td><td>{E(a.AnnotationType)}</td><td class=\"mono\">{a.TargetId}</td><td>{E(a.Author)}</td><td><pre>{E(Indented(a.Payload))}</pre></td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendVerification(StringBuilder html, StoredSnapshot? snapshot)
    {
        html.Append("<h2>Verification</h2><div id=\"verification\">");
        if (snapshot is null)
        {
            html.Append("<p>No signed snapshot has this node among its roots. Take one with <code>POST /reason/snapshot</code> to obtain a signed, verifiable record.</p></div>");
            return;
        }

        html.Append("<table>");
        Row(html, "snapshot", "<span class=\"mono\">" + snapshot.Id + "</span>");
        Row(html, "taken", E(Rfc3339Nano.Format(snapshot.CreatedAt)) + " · audience " + (snapshot.Audience == SnapshotAudience.Auditor ? "auditor" : "operator") + " · depth " + snapshot.Depth);
        Row(html, "hash (SHA-256)", "<span class=\"mono\">" + E(snapshot.Hash ?? "") + "</span>");
        Row(html, "signer kid", "<span class=\"mono\">" + E(snapshot.SignerId ?? "") + "</span>");
        Row(html, "signature (base64)", "<pre>" + E(snapshot.Signature ?? "") + "</pre>");
        Row(html, "audit event", snapshot.AuditEventId is { } audit ? "<span class=\"mono\">" + audit + "</span>" : "");
        html.Append("</table><p>To verify offline, save the signed document exactly as served and check it against the signer registry that holds the public key of the signer kid above:</p>");
        html.Append(CultureInfo.InvariantCulture, $"<pre>curl -s https://&lt;service&gt;/reason/snapshot/{snapshot.Id} -H 'Authorization: Bearer &lt;token&gt;' | jq -c .snapshot &gt; snapshot.json\nreasoning-graph verify-snapshot --snapshot snapshot.json --signers signers.json</pre>");
        html.Append("<p class=\"muted\">The verifier recomputes the canonical bytes of the signed object, compares their SHA-256 with the hash above and checks the Ed25519 signature over that hash with the signer's registered key.</p></div>");
    }

    /// <summary>The rationale of each node, as the explanation states it (components are in the trace's node order).</summary>
    internal static Dictionary<Guid, string> WhyById(CausalTrace trace, Explanation explanation)
    {
        var nodes = trace.OrderedPath.Where(e => e.Item is ReasoningNode).ToList();
        var components = explanation.Components;
        var why = new Dictionary<Guid, string>();
        for (int i = 0; i < nodes.Count && i < components.Count; i++)
        {
            if (components[i].Value is { Length: > 0 } value)
            {
                why[nodes[i].Id] = value;
            }
        }

        return why;
    }

    private static string? Confidence(JsonElement metadata) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("confidence", out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? value.ToString()
            : null;

    /// <summary>
    /// Indented JSON with only JSON's own escaping (relaxed): the text is HTML-encoded afterwards, which is what makes
    /// it safe, and the reader then sees <c>&lt;script&gt;</c> as written rather than <c>\u003C</c>.
    /// </summary>
    internal static string Indented(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static void Row(StringBuilder html, string label, string encodedValue) =>
        html.Append("<tr><th>").Append(label).Append("</th><td>").Append(encodedValue).Append("</td></tr>");

    internal static string E(string text) => HtmlEncoder.Default.Encode(text);
}
