namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// An open-addressing map from id to a positive int in 8 bytes per slot: the id's 32-bit hash and the value,
/// written together atomically by the one writer and read without locks. Keys are not stored: a hash match is
/// confirmed by asking an <see cref="IIdResolver"/> for the key of the value (the item the value points to).
/// Growth builds a new table; readers holding the old one keep a complete view of what was published with it.
/// </summary>
internal sealed class IdIndex
{
    private readonly long[] _slots;
    private readonly int _mask;
    private int _count;

    public IdIndex(int capacity)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16));
        _slots = new long[size];
        _mask = size - 1;
    }

    /// <summary>Whether one more key would push the load factor above 0.7.</summary>
    public bool IsFull => (_count + 1) * 10L > _slots.Length * 7L;

    /// <summary>The value stored for <paramref name="key"/> if it is ≤ <paramref name="maxValue"/>, else 0.</summary>
    public int Get<TResolver>(Guid key, int maxValue, TResolver resolver)
        where TResolver : struct, IIdResolver
    {
        uint hash = Hash(key);
        for (int i = (int)hash & _mask; ; i = (i + 1) & _mask)
        {
            long slot = Volatile.Read(ref _slots[i]);
            int value = (int)slot;
            if (value == 0)
            {
                return 0;
            }

            if ((uint)(slot >>> 32) == hash && value <= maxValue && resolver.KeyOf(value) == key)
            {
                return value;
            }
        }
    }

    /// <summary>Adds a key known to be absent (writer only; grow first when <see cref="IsFull"/>).</summary>
    public void Add(Guid key, int value)
    {
        uint hash = Hash(key);
        int i = (int)hash & _mask;
        while (_slots[i] != 0)
        {
            i = (i + 1) & _mask;
        }

        Volatile.Write(ref _slots[i], ((long)hash << 32) | (uint)value);
        _count++;
    }

    /// <summary>Inserts or overwrites (writer only; grow first when <see cref="IsFull"/>).</summary>
    public void Set<TResolver>(Guid key, int value, TResolver resolver)
        where TResolver : struct, IIdResolver
    {
        uint hash = Hash(key);
        for (int i = (int)hash & _mask; ; i = (i + 1) & _mask)
        {
            long slot = _slots[i];
            if (slot == 0 || ((uint)(slot >>> 32) == hash && resolver.KeyOf((int)slot) == key))
            {
                _count += slot == 0 ? 1 : 0;
                Volatile.Write(ref _slots[i], ((long)hash << 32) | (uint)value);
                return;
            }
        }
    }

    /// <summary>A copy with twice the capacity (writer only); the stored hashes make resolving unnecessary.</summary>
    public IdIndex Grow()
    {
        var grown = new IdIndex(_slots.Length * 2);
        foreach (long slot in _slots)
        {
            if (slot != 0)
            {
                int i = (int)(uint)(slot >>> 32) & grown._mask;
                while (grown._slots[i] != 0)
                {
                    i = (i + 1) & grown._mask;
                }

                grown._slots[i] = slot;
                grown._count++;
            }
        }

        return grown;
    }

    private static uint Hash(Guid key)
    {
        uint h = (uint)key.GetHashCode();
        h ^= h >> 16;
        h *= 0x7feb352du;
        h ^= h >> 15;
        h *= 0x846ca68bu;
        h ^= h >> 16;
        return h;
    }
}
