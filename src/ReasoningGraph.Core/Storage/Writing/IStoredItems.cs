using System.Diagnostics.CodeAnalysis;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Writing;

/// <summary>
/// What a store already holds, as <see cref="WritePlanner"/> asks for it: one item by id. Implement it as a
/// <see langword="struct"/> over the store's own state and <see cref="WritePlanner.Plan{TStored}"/> calls it without
/// boxing; a store that prefetches the ids a write names (<see cref="WritePlanner.IdsToLookUp"/>) can use
/// <see cref="StoredItems"/>.
/// </summary>
/// <remarks>Part of the store-implementer kit: the API may change in a minor version (diagnostic <c>RG0001</c>).</remarks>
[Experimental("RG0001")]
public interface IStoredItems
{
    /// <summary>The stored item with <paramref name="id"/>, of any kind, or null when the store holds none.</summary>
    /// <param name="id">The item id.</param>
    /// <returns>The item, or null.</returns>
    GraphItem? Find(Guid id);
}
