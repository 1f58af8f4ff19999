namespace ReasoningGraph.Model;

/// <summary>The outcome of an atomic append.</summary>
public sealed class AppendResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="items">The stored item for every input, in batch order.</param>
    /// <param name="created">The items this append wrote, in sequence order (idempotent replays excluded).</param>
    public AppendResult(IReadOnlyList<GraphItem> items, IReadOnlyList<GraphItem> created)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(created);
        Items = items;
        Created = created;
    }

    /// <summary>
    /// The stored item for every input, in batch order. For an idempotent replay this is the item stored
    /// earlier, with its original sequence number and time.
    /// </summary>
    public IReadOnlyList<GraphItem> Items { get; }

    /// <summary>The items this append actually wrote, in sequence order. Empty when everything was a replay.</summary>
    public IReadOnlyList<GraphItem> Created { get; }
}
