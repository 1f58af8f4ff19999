using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ReasoningGraph.Primitives;

/// <summary>
/// Software prefetch for loops that read a large array at scattered indices (the in-memory store's node slots and
/// edge records): the loads of many elements are started before they are needed, so their cache misses overlap
/// instead of being waited for one by one. Only a hint: it cannot fault or change a result, and it does nothing
/// on a CPU without the instruction.
/// </summary>
internal static class CacheHint
{
    /// <summary>Starts loading the cache line holding <paramref name="item"/> into every cache level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref readonly T item)
    {
        if (Sse.IsSupported)
        {
            // The address is not pinned: if the GC moves the array meanwhile, the hint merely loads a stale line.
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in item)));
        }
    }
}
