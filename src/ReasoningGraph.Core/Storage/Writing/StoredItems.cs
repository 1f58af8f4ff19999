using System.Diagnostics.CodeAnalysis;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Writing;

/// <summary>
/// The stored items a write needs, prefetched into a dictionary (for example with one query for
/// <see cref="WritePlanner.IdsToLookUp"/>). The default value holds nothing.
/// </summary>
/// <remarks>Part of the store-implementer kit: the API may change in a minor version (diagnostic <c>RG0001</c>).</remarks>
[Experimental("RG0001")]
public readonly struct StoredItems : IStoredItems
{
    private readonly IReadOnlyDictionary<Guid, GraphItem>? _items;

    /// <summary>Wraps prefetched items.</summary>
    /// <param name="items">The stored items by id; not copied.</param>
    public StoredItems(IReadOnlyDictionary<Guid, GraphItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items;
    }

    /// <inheritdoc/>
    public GraphItem? Find(Guid id) => _items is not null && _items.TryGetValue(id, out var item) ? item : null;
}
