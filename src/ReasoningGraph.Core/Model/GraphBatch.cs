using System.Collections;

namespace ReasoningGraph.Model;

/// <summary>
/// An ordered batch of inputs written atomically: all of it or nothing. Items get sequence numbers in batch
/// order; an edge or annotation may reference items earlier in the batch.
/// </summary>
/// <example><code>var batch = new GraphBatch { observation, decision, new EdgeInput { From = …, To = …, Type = "causal" } };</code></example>
public sealed class GraphBatch : IReadOnlyList<GraphItemInput>
{
    private readonly List<GraphItemInput> _items;

    /// <summary>Creates an empty batch.</summary>
    public GraphBatch() => _items = [];

    /// <summary>Creates a batch of the given inputs, in order.</summary>
    /// <param name="items">The inputs.</param>
    public GraphBatch(IEnumerable<GraphItemInput> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        foreach (var item in _items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }
    }

    /// <summary>
    /// The canonical JSON members of the inputs, by position, when the service validated this batch; the store's entity
    /// hashes reuse them. Inputs added afterwards have none and are canonicalized whole.
    /// </summary>
    internal CanonicalMembers[]? Members { get; init; }

    /// <summary>The canonical members of the input at <paramref name="index"/>, when known.</summary>
    internal CanonicalMembers MembersAt(int index) => Members is { } members && index < members.Length ? members[index] : default;

    /// <summary>The number of inputs.</summary>
    public int Count => _items.Count;

    /// <summary>The input at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position in the batch.</param>
    public GraphItemInput this[int index] => _items[index];

    /// <summary>Appends an input.</summary>
    /// <param name="item">The input.</param>
    public void Add(GraphItemInput item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items.Add(item);
    }

    /// <inheritdoc/>
    public IEnumerator<GraphItemInput> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
