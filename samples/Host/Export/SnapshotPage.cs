using System.Globalization;
using System.Text;
using ReasoningGraph.Explanations;
using ReasoningGraph.Model;
using ReasoningGraph.Primitives;
using ReasoningGraph.Tracing;
using static ReasoningGraph.Host.Export.HumanExportPage;

namespace ReasoningGraph.Host.Export;

/// <summary>
/// The auditor's page of a signed snapshot document (<c>reasoning-graph render</c>): the same self-contained page as
/// <see cref="HumanExportPage"/> (inline CSS and SVG, no script, no external asset, every text from the document
/// HTML-encoded), opening with the verification result: verified, failed with its reason, or not verified because no
/// key was given. Then the snapshot's members, the whole subgraph drawn around its roots, each root's causal timeline
/// with its rationale, the items that are in no root's causes, and the annotations.
/// </summary>
internal static class SnapshotPage
{
    /// <summary>A root of the snapshot and its causal trace within the snapshot's items.</summary>
    public sealed record RootTrace(Guid Id, CausalTrace Trace, Explanation Explanation);

    public static string Render(SnapshotPageContent content, IReadOnlyList<RootTrace> roots, SnapshotPageVerdict verdict, DateTimeOffset renderedAt)
    {
        var html = new StringBuilder(32 * 1024);
        AppendHead(html, $"Signed snapshot {content.Id}");
        html.Append("<h1>Signed snapshot <span class=\"mono\" id=\"snapshot-id\">").Append(E(content.Id ?? "(no id)")).Append("</span></h1>");
        AppendVerdict(html, verdict);
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"muted\">Rendered {E(Rfc3339Nano.Format(renderedAt))} from the document as read · {content.Nodes.Count} nodes, {content.Edges.Count} edges, {content.Annotations.Count} annotations</p>");
        AppendMembers(html, content);

        var onCycle = roots.SelectMany(r => r.Trace.Metadata.CycleNodes).ToHashSet();
        var focus = content.RootIds.Select(r => Guid.TryParse(r, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        html.Append("<h2>Graph</h2><p class=\"muted\">Every node and edge of the snapshot; the roots are yellow, their causes above them, their effects below.</p>");
        html.Append("<div class=\"graph\">").Append(GraphSvg.Render(content.Nodes, content.Edges, focus, onCycle)).Append("</div>");

        for (int i = 0; i < roots.Count; i++)
        {
            var root = roots[i];
            var node = (ReasoningNode)root.Trace.OrderedPath.First(e => e.Id == root.Id).Item;
            html.Append(CultureInfo.InvariantCulture, $"<h2>Why {E(node.Type)} <span class=\"mono\">{root.Id}</span></h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"summary-{i}\">{E(root.Explanation.Summary)}</p>");
            if (root.Trace.Metadata.CycleDetected)
            {
                html.Append("<p><span class=\"badge cycle-badge\">cycle</span> The causes of this root contain a cycle; the nodes on it are marked ↻.</p>");
            }

            if (root.Trace.Metadata.Truncated)
            {
                html.Append("<p><strong>Truncated:</strong> the causes of this root reached the size limit of a trace; the graph above shows them all.</p>");
            }

            AppendTimeline(html, root.Trace, WhyById(root.Trace, root.Explanation), $"timeline-{i}");
        }

        AppendOthers(html, content, roots);
        AppendAnnotations(html, content.Annotations);
        AppendHowToVerify(html);
        return html.Append("</body></html>").ToString();
    }

    private static void AppendVerdict(StringBuilder html, SnapshotPageVerdict verdict)
    {
        string state = verdict.State;
        html.Append(CultureInfo.InvariantCulture, $"<div id=\"verdict\" class=\"verdict {state}\" data-verdict=\"{state}\">");
        var result = verdict.Result;
        switch (state)
        {
            case "verified":
                html.Append(CultureInfo.InvariantCulture,
                    $"<strong>✔ Verified.</strong> The signed content hashes to <span class=\"mono\">{E(result.ComputedHash ?? "")}</span> (SHA-256 of its canonical bytes), the hash the document carries, and the signature over it by signer <span class=\"mono\">{E(result.SignerId ?? "")}</span> checks out with {E(verdict.Keys!)}.");
                break;
            case "not-verified":
                html.Append("<strong>Not verified: no key was given.</strong> The content matches the hash the document carries, but only the signer's public key shows who signed it: ");
                html.Append("render it again with <code>--signers FILE</code> or <code>--public-key FILE</code>, or check it with <code>reasoning-graph verify-snapshot</code>.");
                break;
            default:
                html.Append("<strong>✘ Verification failed: ").Append(E(verdict.Failure)).Append("</strong><br>");
                html.Append("What follows is what the document says, but it is not what was signed, or not signed with a key you trust")
                    .Append(verdict.Keys is null ? "" : " (" + E(verdict.Keys) + ")").Append(": do not rely on it.");
                break;
        }

        html.Append("</div>");
    }

    private static void AppendMembers(StringBuilder html, SnapshotPageContent content)
    {
        static string Mono(string? value) => "<span class=\"mono\">" + E(value ?? "") + "</span>";
        html.Append("<h2>Snapshot</h2><table id=\"members\">");
        Row(html, "snapshot", Mono(content.Id));
        Row(html, "taken", E(content.CreatedAt ?? ""));
        Row(html, "roots", string.Join("<br>", content.RootIds.Select(Mono)));
        Row(html, "audience", E(content.Audience ?? "") + (content.PiiIncluded switch
        {
            true => " · personal data included",
            false => " · personal data not included (redaction policy " + E(content.PiiPolicyVersion ?? "") + ")",
            null => "",
        }));
        Row(html, "written by", "Reasoning Graph " + E(content.Version ?? ""));
        Row(html, "hash (SHA-256)", Mono(content.Hash));
        Row(html, "signer kid", Mono(content.SignerKid));
        Row(html, "signature (base64)", "<pre>" + E(content.Signature ?? "") + "</pre>");
        html.Append("</table>");
    }

    /// <summary>The nodes and edges in no root's causal trace (the roots' effects, mostly), by (createdAt, id).</summary>
    private static void AppendOthers(StringBuilder html, SnapshotPageContent content, IReadOnlyList<RootTrace> roots)
    {
        var traced = roots.SelectMany(r => r.Trace.OrderedPath).Select(e => e.Id).ToHashSet();
        var others = content.Nodes.Concat<GraphItem>(content.Edges).Where(i => !traced.Contains(i.Id))
            .OrderBy(i => i.CreatedAt.UtcTicks).ThenBy(i => i.Id).ToList();
        html.Append("<h2>Also in the snapshot</h2>");
        if (others.Count == 0)
        {
            html.Append("<p class=\"muted\" id=\"others\">Nothing: every item is a root or one of its causes.</p>");
            return;
        }

        html.Append("<p class=\"muted\">Items that are not among the roots' causes (what followed from the roots, mostly), in order of creation.</p>");
        html.Append("<table id=\"others\"><tr><th>created</th><th>item</th><th>who</th><th>what</th></tr>");
        foreach (var item in others)
        {
            html.Append("<tr><td>").Append(E(Rfc3339Nano.Format(item.CreatedAt))).Append("</td><td>");
            switch (item)
            {
                case ReasoningNode node:
                    html.Append(CultureInfo.InvariantCulture, $"<span class=\"badge\">node</span> <strong>{E(node.Type)}</strong> <span class=\"mono\">{node.Id}</span></td><td>{E(node.Author)}</td><td><pre>{E(Indented(node.Payload))}</pre></td></tr>");
                    break;
                case ReasoningEdge edge:
                    string weight = edge.Weight is { } w ? " weight " + w.ToString(CultureInfo.InvariantCulture) : "";
                    html.Append(CultureInfo.InvariantCulture, $"<span class=\"badge\">edge</span> <strong>{E(edge.Type)}</strong>{weight} <span class=\"mono\">{edge.From} → {edge.To}</span></td><td></td><td></td></tr>");
                    break;
            }
        }

        html.Append("</table>");
    }

    private static void AppendHowToVerify(StringBuilder html)
    {
        html.Append("<h2>Verify it yourself</h2><p>This page was rendered from a snapshot document. To check that document again, offline, with the signer registry that holds the public key of the signer kid above:</p>");
        html.Append("<pre>reasoning-graph verify-snapshot --snapshot snapshot.json --signers signers.json</pre>");
        html.Append("<p class=\"muted\">The verifier recomputes the canonical bytes of the signed object, compares their SHA-256 with the hash the document carries and checks the signature over that hash with the signer's registered key.</p>");
    }
}
