namespace ReasoningGraph.Redaction.Internal;

/// <summary>
/// One growable stack of match states for a whole walk: each level's states are a slice appended after its
/// parent's and dropped when the level is done, so a walk allocates nothing per value.
/// </summary>
internal sealed class StateBuffer
{
    private int[] _items = new int[64];

    public int Count { get; private set; }

    /// <summary>Where the slice being built started; <see cref="AddDistinct"/> only looks for duplicates after it.</summary>
    public int SliceStart { get; private set; }

    public ReadOnlySpan<int> Slice(int start, int end) => _items.AsSpan(start, end - start);

    /// <summary>Starts a new slice at the end of the stack and returns where it starts.</summary>
    public int Begin()
    {
        SliceStart = Count;
        return Count;
    }

    /// <summary>Drops every state from <paramref name="start"/> on.</summary>
    public void Truncate(int start) => Count = start;

    public void AddDistinct(int state)
    {
        // Slices are a handful of states; a linear scan beats hashing and keeps '..a..a' paths from multiplying.
        if (_items.AsSpan(SliceStart, Count - SliceStart).Contains(state))
        {
            return;
        }

        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = state;
    }

    public void AddRange(List<int> states)
    {
        foreach (int state in states)
        {
            AddDistinct(state);
        }
    }
}
