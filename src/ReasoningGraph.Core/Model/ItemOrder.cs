
namespace ReasoningGraph.Model;

/// <summary>
/// The library's one deterministic order: ascending (<c>createdAt</c>, <c>id</c>), ids compared as their
/// lowercase strings. <see cref="Guid.CompareTo(Guid)"/> orders exactly like the lowercase "D" strings.
/// </summary>
internal sealed class ItemOrder : IComparer<GraphItem>
{
    public static readonly ItemOrder Instance = new();

    public int Compare(GraphItem? x, GraphItem? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int byTime = x.CreatedAt.UtcTicks.CompareTo(y.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : x.Id.CompareTo(y.Id);
    }
}
