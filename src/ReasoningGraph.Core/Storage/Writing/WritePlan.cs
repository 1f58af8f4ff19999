using System.Diagnostics.CodeAnalysis;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Writing;

/// <summary>What <see cref="WritePlanner.Plan{TStored}"/> decided for a write; nothing is written yet.</summary>
/// <remarks>Part of the store-implementer kit: the API may change in a minor version (diagnostic <c>RG0001</c>).</remarks>
[Experimental("RG0001")]
public readonly struct WritePlan
{
    internal WritePlan(IReadOnlyList<GraphItem> items, IReadOnlyList<GraphItem> created, IReadOnlyList<string> entityHashes)
    {
        Items = items;
        Created = created;
        EntityHashes = entityHashes;
    }

    /// <summary>The stored item of every input, in input order: a replay's is the item stored earlier.</summary>
    public IReadOnlyList<GraphItem> Items { get; }

    /// <summary>The new items to write, in seq order (replays excluded); the same list as <see cref="Items"/> when nothing was replayed.</summary>
    public IReadOnlyList<GraphItem> Created { get; }

    /// <summary>
    /// With <see cref="WritePlannerOptions.HashEntities"/>: the entity hash of each of <see cref="Created"/> (lowercase
    /// hex SHA-256 of its canonical bytes, what its audit event names); otherwise empty.
    /// </summary>
    public IReadOnlyList<string> EntityHashes { get; }

    /// <summary>The append's answer.</summary>
    /// <returns>An <see cref="AppendResult"/> of <see cref="Items"/> and <see cref="Created"/>.</returns>
    public AppendResult ToResult() => new(Items, Created);
}
