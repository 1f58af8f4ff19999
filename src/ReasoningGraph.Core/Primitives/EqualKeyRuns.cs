namespace ReasoningGraph.Primitives;

/// <summary>
/// The second half of a two-part sort: positions already sorted by a primitive key (createdAt ticks) are ordered by
/// their tie-breaker (the id) only within each run of equal keys, which is rare outside imports, so the common case
/// compares longs and never the tie-breaker.
/// </summary>
internal static class EqualKeyRuns
{
    /// <summary>Sorts each run of equal <paramref name="keys"/> in <paramref name="order"/> (kept alongside them) by <paramref name="tieBreak"/>.</summary>
    public static void Sort(ReadOnlySpan<long> keys, Span<int> order, Comparison<int> tieBreak)
    {
        for (int start = 0, end; start < keys.Length; start = end)
        {
            end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                order[start..end].Sort(tieBreak);
            }
        }
    }
}
