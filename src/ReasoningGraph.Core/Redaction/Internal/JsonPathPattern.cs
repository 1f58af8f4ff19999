using System.Globalization;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Redaction.Internal;

/// <summary>
/// A parsed catalog path: <c>$</c> followed by at least one of <c>.name</c>, <c>['name']</c>, <c>.*</c>,
/// <c>[*]</c>, <c>[n]</c>, <c>..name</c>, <c>..['name']</c>. Matching is strict JSONPath: <c>$.a.b</c> does not
/// look inside an array at <c>a</c> (write <c>$.a[*].b</c> or <c>$..b</c> for that).
/// </summary>
internal sealed class JsonPathPattern
{
    /// <summary>More steps than any real catalog needs; keeps match states small (see <see cref="PathMatcher"/>).</summary>
    public const int MaxSegments = 64;

    private JsonPathPattern(PathSegment[] segments) => Segments = segments;

    public PathSegment[] Segments { get; }

    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> on field <c>json_path</c> saying what is wrong and where.</exception>
    public static JsonPathPattern Parse(string path)
    {
        if (path.Length == 0 || path[0] != '$')
        {
            throw Invalid(path, 0, "must start with '$'");
        }

        var segments = new List<PathSegment>();
        int i = 1;
        while (i < path.Length)
        {
            segments.Add(ParseSegment(path, ref i));
            if (segments.Count > MaxSegments)
            {
                throw Invalid(path, i, $"has more than {MaxSegments} steps");
            }
        }

        return segments.Count == 0 ? throw Invalid(path, 0, "must name at least one step below '$'") : new JsonPathPattern([.. segments]);
    }

    private static PathSegment ParseSegment(string path, ref int i)
    {
        if (path[i] == '[')
        {
            return ParseBracket(path, ref i, descendant: false);
        }

        if (path[i] != '.')
        {
            throw Invalid(path, i, "expects '.' or '['");
        }

        bool descendant = i + 1 < path.Length && path[i + 1] == '.';
        i += descendant ? 2 : 1;
        if (i < path.Length && path[i] == '[' && descendant)
        {
            return ParseBracket(path, ref i, descendant: true);
        }

        if (i < path.Length && path[i] == '*' && !descendant)
        {
            i++;
            return PathSegment.AnyMember;
        }

        int start = i;
        while (i < path.Length && IsNameChar(path[i]))
        {
            i++;
        }

        if (i == start)
        {
            throw Invalid(path, start, descendant ? "expects a member name after '..' ('..*' is not supported)" : "expects a member name or '*' after '.'");
        }

        var name = path[start..i];
        return descendant ? PathSegment.DescendantMember(name) : PathSegment.Member(name);
    }

    private static PathSegment ParseBracket(string path, ref int i, bool descendant)
    {
        int open = i++;
        int close = path.IndexOf(']', i);
        if (close < 0)
        {
            throw Invalid(path, open, "has an unclosed '['");
        }

        var inner = path[i..close];
        i = close + 1;
        if (inner.Length >= 2 && (inner[0] is '\'' or '"') && inner[^1] == inner[0])
        {
            var name = inner[1..^1];
            if (name.Length == 0 || name.Contains(inner[0], StringComparison.Ordinal))
            {
                throw Invalid(path, open, "has an empty or badly quoted name in brackets");
            }

            return descendant ? PathSegment.DescendantMember(name) : PathSegment.Member(name);
        }

        if (descendant)
        {
            throw Invalid(path, open, "supports only a quoted name after '..['");
        }

        if (inner == "*")
        {
            return PathSegment.AnyElement;
        }

        return inner.Length is > 0 and <= 9 && inner.All(char.IsAsciiDigit)
            ? PathSegment.Element(int.Parse(inner, NumberStyles.None, CultureInfo.InvariantCulture))
            : throw Invalid(path, open, "expects '*', an index or a quoted name in brackets");
    }

    // Names written without brackets: anything but the path's own punctuation, quotes and whitespace.
    private static bool IsNameChar(char c) => c is not ('.' or '[' or ']' or '*' or '\'' or '"') && !char.IsWhiteSpace(c) && !char.IsControl(c);

    private static ReasoningGraphException Invalid(string path, int position, string problem) =>
        GraphErrors.InvalidPayload("json_path", $"The JSON path '{path}' {problem} (at character {position}).", reason: "bad-json-path");
}
