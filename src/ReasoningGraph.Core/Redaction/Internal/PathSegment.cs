using System.Text;

namespace ReasoningGraph.Redaction.Internal;

/// <summary>The kinds of step a catalog path can take.</summary>
internal enum PathSegmentKind
{
    /// <summary><c>.name</c> or <c>['name']</c>: the member of that name.</summary>
    Member,

    /// <summary><c>.*</c>: any member of an object.</summary>
    AnyMember,

    /// <summary><c>[*]</c>: any element of an array.</summary>
    AnyElement,

    /// <summary><c>[n]</c>: the element at index n.</summary>
    Element,

    /// <summary><c>..name</c>: a member of that name at any depth below.</summary>
    DescendantMember,
}

/// <summary>One step of a <see cref="JsonPathPattern"/>.</summary>
internal sealed class PathSegment
{
    private PathSegment(PathSegmentKind kind, string? name, int index)
    {
        Kind = kind;
        Name = name;
        NameUtf8 = name is null ? [] : Encoding.UTF8.GetBytes(name);
        Index = index;
    }

    public PathSegmentKind Kind { get; }

    public string? Name { get; }

    /// <summary>The name as UTF-8, compared with <c>JsonProperty.NameEquals</c> so matching allocates nothing.</summary>
    public byte[] NameUtf8 { get; }

    public int Index { get; }

    public static PathSegment Member(string name) => new(PathSegmentKind.Member, name, -1);

    public static PathSegment DescendantMember(string name) => new(PathSegmentKind.DescendantMember, name, -1);

    public static PathSegment Element(int index) => new(PathSegmentKind.Element, null, index);

    public static PathSegment AnyMember { get; } = new(PathSegmentKind.AnyMember, null, -1);

    public static PathSegment AnyElement { get; } = new(PathSegmentKind.AnyElement, null, -1);
}
