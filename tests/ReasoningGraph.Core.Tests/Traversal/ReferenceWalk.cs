using ReasoningGraph.Model;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Tests.Traversal;

/// <summary>A straightforward breadth-first walk over plain lists, the oracle for the real one.</summary>
public static class ReferenceWalk
{
    public sealed record Result(List<(Guid Node, int Depth)> Steps, List<(Guid Edge, bool Revisit)> Edges, bool Cycle);

    public static Result Run(IReadOnlyList<ReasoningNode> nodes, IReadOnlyList<ReasoningEdge> edges, Guid root,
        TraversalDirection direction, int depth, string[]? types = null, double? minWeight = null, double? minConfidence = null)
    {
        var byId = nodes.ToDictionary(n => n.Id);
        static int Compare(GraphItem a, GraphItem b)
        {
            int t = a.CreatedAt.CompareTo(b.CreatedAt);
            return t != 0 ? t : string.CompareOrdinal(a.Id.ToString(), b.Id.ToString());
        }

        bool Follows(ReasoningEdge e, Guid far) =>
            (types is null || types.Contains(e.Type)) && (minWeight is null || (e.Weight ?? double.NaN) >= minWeight)
            && (minConfidence is null || Confidence(byId[far]) >= minConfidence);

        var depthOf = new Dictionary<Guid, int> { [root] = 0 };
        var steps = new List<(Guid, int)> { (root, 0) };
        var returned = new List<ReasoningEdge>();
        var flags = new List<(Guid, bool)>();
        var level = new List<ReasoningNode> { byId[root] };
        for (int d = 0; d < depth && level.Count > 0; d++)
        {
            var next = new List<ReasoningNode>();
            foreach (var u in level)
            {
                var adjacent = edges.Where(e => (direction == TraversalDirection.Descendants ? e.From : e.To) == u.Id).ToList();
                adjacent.Sort(Compare);
                foreach (var e in adjacent)
                {
                    var far = direction == TraversalDirection.Descendants ? e.To : e.From;
                    if (!Follows(e, far))
                    {
                        continue;
                    }

                    bool revisit = depthOf.ContainsKey(far);
                    if (!revisit)
                    {
                        depthOf[far] = d + 1;
                        next.Add(byId[far]);
                    }

                    returned.Add(e);
                    flags.Add((e.Id, revisit));
                }
            }

            next.Sort(Compare);
            steps.AddRange(next.Select(n => (n.Id, d + 1)));
            level = next;
        }

        return new Result(steps, flags, HasCycle(returned));
    }

    /// <summary>Naive: some node reaches itself through one or more edges.</summary>
    public static bool HasCycle(IEnumerable<ReasoningEdge> edges)
    {
        var list = edges.ToList();
        foreach (var start in list.Select(e => e.From).Distinct())
        {
            var seen = new HashSet<Guid>();
            var stack = new Stack<Guid>(list.Where(e => e.From == start).Select(e => e.To));
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                if (v == start)
                {
                    return true;
                }

                if (seen.Add(v))
                {
                    foreach (var e in list.Where(e => e.From == v))
                    {
                        stack.Push(e.To);
                    }
                }
            }
        }

        return false;
    }

    public static double Confidence(ReasoningNode node) =>
        node.Metadata.TryGetProperty("confidence", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Number ? c.GetDouble() : double.NaN;
}
