namespace ReasoningGraph.Primitives;

/// <summary>Append-only arrays: grow by doubling into a copy, so readers of the old array keep a valid view.</summary>
internal static class ArrayGrowth
{
    /// <summary>
    /// The array itself when it holds <paramref name="needed"/> elements, else a copy with room for at least that
    /// many (doubling; exactly <paramref name="needed"/> when <paramref name="exact"/>). Unless
    /// <paramref name="zeroed"/>, the new tail of an array without references is left uninitialized: for callers
    /// that write every element before reading it, which saves zeroing a large fresh array.
    /// </summary>
    public static T[] Ensure<T>(T[] array, int needed, bool exact = false, bool zeroed = true)
    {
        if (needed <= array.Length)
        {
            return array;
        }

        int size = exact ? needed : Math.Max(needed, Math.Max(16, array.Length * 2));
        var larger = zeroed ? new T[size] : GC.AllocateUninitializedArray<T>(size);
        Array.Copy(array, larger, array.Length);
        return larger;
    }
}
