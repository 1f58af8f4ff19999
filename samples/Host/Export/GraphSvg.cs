using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ReasoningGraph.Model;
using ReasoningGraph.Tracing;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Host.Export;

/// <summary>
/// Draws nodes and edges as inline SVG, laid out by levels: a node's level is its distance (in edges) from the focused
/// nodes (the exported node, or a snapshot's roots), walking back through causes for the levels above and forward
/// through effects for the levels below, so causes sit above what they caused, nearest first; within a level nodes keep
/// their given order. The focused nodes are yellow; nodes on a cycle and the edges between them are red. Every text
/// from the graph is HTML-encoded.
/// </summary>
internal static class GraphSvg
{
    private const int BoxWidth = 190, BoxHeight = 46, GapX = 24, GapY = 64, Margin = 16;
    private const int MaxLabel = 26;

    /// <summary>A causal trace around the node it explains.</summary>
    public static string Render(CausalTrace trace, Guid exported) => Render(
        [.. trace.OrderedPath.Select(e => e.Item).OfType<ReasoningNode>()], [.. trace.OrderedPath.Select(e => e.Item).OfType<ReasoningEdge>()],
        new HashSet<Guid> { exported }, trace.Metadata.CycleNodes.ToHashSet());

    public static string Render(IReadOnlyList<ReasoningNode> nodes, IReadOnlyList<ReasoningEdge> edges, IReadOnlySet<Guid> focus, IReadOnlySet<Guid> onCycle)
    {
        var levels = Levels(nodes, edges, focus);
        var drawn = nodes.Select(n => levels[n.Id]).DefaultIfEmpty(0).ToList(); // an edge or root naming an absent node takes no row
        int top = drawn.Max(), bottom = drawn.Min();
        var rows = nodes.GroupBy(n => levels[n.Id]).ToDictionary(g => g.Key, g => g.ToList());
        int widest = rows.Values.Select(r => r.Count).DefaultIfEmpty(1).Max();
        var position = new Dictionary<Guid, (int X, int Y)>();
        foreach (var (level, row) in rows)
        {
            for (int i = 0; i < row.Count; i++)
            {
                position[row[i].Id] = (Margin + (i * (BoxWidth + GapX)), Margin + ((top - level) * (BoxHeight + GapY)));
            }
        }

        int width = (2 * Margin) + (widest * (BoxWidth + GapX)) - GapX;
        int height = (2 * Margin) + ((top - bottom + 1) * (BoxHeight + GapY)) - GapY;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"graph\" role=\"img\" aria-label=\"causal graph\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var edge in edges)
        {
            if (!position.TryGetValue(edge.From, out var from) || !position.TryGetValue(edge.To, out var to))
            {
                continue;
            }

            bool cyclic = onCycle.Contains(edge.From) && onCycle.Contains(edge.To);
            string label = EdgeLabel(edge);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"edge{(cyclic ? " cycle" : "")}\" x1=\"{from.X + (BoxWidth / 2)}\" y1=\"{from.Y + BoxHeight}\" x2=\"{to.X + (BoxWidth / 2)}\" y2=\"{to.Y}\" stroke=\"{(cyclic ? "#c0392b" : "#555")}\" stroke-width=\"1.5\"{(cyclic ? " stroke-dasharray=\"5 3\"" : "")} marker-end=\"url(#arrow)\"><title>{Encode(label)}</title></line>");
            // The edge's type and weight drawn at its middle, not only in a tooltip: a printed page has no hover.
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"edge-label\" x=\"{((from.X + to.X) / 2) + (BoxWidth / 2) + 4}\" y=\"{((from.Y + BoxHeight + to.Y) / 2) + 4}\" font-size=\"10\" fill=\"#555\">{Encode(label)}</text>");
        }

        foreach (var node in nodes)
        {
            var (x, y) = position[node.Id];
            bool cyclic = onCycle.Contains(node.Id);
            bool focused = focus.Contains(node.Id);
            string fill = focused ? "#fff3cd" : cyclic ? "#fdecea" : "#eef3fb";
            string stroke = cyclic ? "#c0392b" : focused ? "#b8860b" : "#4a6fa5";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node\" data-node-id=\"{node.Id}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8}\" y=\"{y + 18}\" font-size=\"12\" font-weight=\"bold\">{Encode(Shorten(node.Type))}{(cyclic ? " ↻" : "")}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8}\" y=\"{y + 36}\" font-size=\"11\" fill=\"#333\">{Encode(ShortId(node.Id))} · {Encode(Shorten(node.Author))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(node.Type)} {node.Id} by {Encode(node.Author)}</title></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Distance from <paramref name="focus"/> against the edges (breadth first, positive) and along them (negative);
    /// nodes reached neither way go one level above the rest.
    /// </summary>
    private static Dictionary<Guid, int> Levels(IReadOnlyList<ReasoningNode> nodes, IReadOnlyList<ReasoningEdge> edges, IReadOnlySet<Guid> focus)
    {
        var level = focus.ToDictionary(id => id, _ => 0);
        Walk(level, edges.GroupBy(e => e.To).ToDictionary(g => g.Key, g => g.Select(e => e.From).ToList()), focus, +1);
        Walk(level, edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList()), focus, -1);
        int above = level.Values.DefaultIfEmpty(-1).Max() + 1;
        foreach (var node in nodes)
        {
            level.TryAdd(node.Id, above);
        }

        return level;
    }

    private static void Walk(Dictionary<Guid, int> level, Dictionary<Guid, List<Guid>> next, IReadOnlySet<Guid> focus, int step)
    {
        var queue = new Queue<Guid>(focus);
        while (queue.TryDequeue(out var id))
        {
            foreach (var far in next.GetValueOrDefault(id) ?? [])
            {
                if (level.TryAdd(far, level[id] + step))
                {
                    queue.Enqueue(far);
                }
            }
        }
    }

    private static string Shorten(string text) => text.Length <= MaxLabel ? text : text[..(MaxLabel - 1)] + "…";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>
    /// The last 8 hex digits of an id: the random tail of a UUIDv7, where the first 8 are its timestamp and so the same
    /// for nodes written within about a minute of each other.
    /// </summary>
    internal static string ShortId(Guid id) => id.ToString("N")[^8..];

    private static string EdgeLabel(ReasoningEdge edge) =>
        edge.Weight is { } weight ? $"{edge.Type} {weight.ToString("0.##", CultureInfo.InvariantCulture)}" : edge.Type;
}
