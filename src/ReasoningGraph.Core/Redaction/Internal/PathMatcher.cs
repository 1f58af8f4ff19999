using System.Text.Json;

namespace ReasoningGraph.Redaction.Internal;

/// <summary>
/// Runs every catalog path at once over a document walk, like an NFA: a match state is "rule r has matched its
/// first s steps", packed as <c>(r &lt;&lt; 8) | s</c>. The states of a child are computed from its parent's, so the
/// walk visits each value once whatever the number of rules, and a subtree no state can reach is copied unseen.
/// </summary>
internal sealed class PathMatcher
{
    private readonly PathSegment[][] _rules;

    public PathMatcher(IReadOnlyList<JsonPathPattern> rules) => _rules = [.. rules.Select(r => r.Segments)];

    public int RuleCount => _rules.Length;

    public static int Rule(int state) => state >> 8;

    /// <summary>True when the state has matched its whole path: the value it sits on is catalogued.</summary>
    public bool IsComplete(int state) => (state & 0xFF) == _rules[state >> 8].Length;

    /// <summary>Adds to <paramref name="child"/> the states after stepping into member <paramref name="member"/>.</summary>
    public void StepMember(ReadOnlySpan<int> parent, JsonProperty member, StateBuffer child)
    {
        foreach (int state in parent)
        {
            if (IsComplete(state))
            {
                continue;
            }

            var segment = _rules[state >> 8][state & 0xFF];
            switch (segment.Kind)
            {
                case PathSegmentKind.Member when member.NameEquals(segment.NameUtf8):
                case PathSegmentKind.AnyMember:
                    child.AddDistinct(state + 1);
                    break;
                case PathSegmentKind.DescendantMember:
                    child.AddDistinct(state);
                    if (member.NameEquals(segment.NameUtf8))
                    {
                        child.AddDistinct(state + 1);
                    }

                    break;
            }
        }
    }

    /// <summary>Adds to <paramref name="child"/> the states after stepping into array element <paramref name="index"/>.</summary>
    public void StepElement(ReadOnlySpan<int> parent, int index, StateBuffer child)
    {
        foreach (int state in parent)
        {
            if (IsComplete(state))
            {
                continue;
            }

            var segment = _rules[state >> 8][state & 0xFF];
            switch (segment.Kind)
            {
                case PathSegmentKind.AnyElement:
                case PathSegmentKind.Element when segment.Index == index:
                    child.AddDistinct(state + 1);
                    break;
                case PathSegmentKind.DescendantMember:
                    // ..name looks through arrays as well as objects.
                    child.AddDistinct(state);
                    break;
            }
        }
    }
}
