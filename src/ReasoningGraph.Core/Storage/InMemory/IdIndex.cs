namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// An open-addressing map from id to a positive int, written by one writer and read without locks.
/// A slot's key is written before its value is published (release), and readers read the value first
/// (acquire), so a reader never sees a half-written key. Growth builds a new table; readers holding the old
/// one keep a complete view of everything published before it was replaced.
/// </summary>
internal sealed class IdIndex
{
    private readonly Guid[] _keys;
    private readonly int[] _values;
    private readonly int _mask;
    private int _count;

    public IdIndex(int capacity)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16));
        _keys = new Guid[size];
        _values = new int[size];
        _mask = size - 1;
    }

    /// <summary>Whether one more key would push the load factor above 0.7.</summary>
    public bool IsFull => (_count + 1) * 10L > _keys.Length * 7L;

    /// <summary>The value stored for <paramref name="key"/>, or 0.</summary>
    public int Get(Guid key)
    {
        int i = Slot(key);
        while (true)
        {
            int value = Volatile.Read(ref _values[i]);
            if (value == 0)
            {
                return 0;
            }

            if (_keys[i] == key)
            {
                return value;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Inserts or overwrites (writer only). The caller grows the table first when <see cref="IsFull"/>.</summary>
    public void Set(Guid key, int value)
    {
        int i = Slot(key);
        while (true)
        {
            int current = _values[i];
            if (current == 0)
            {
                _keys[i] = key;
                Volatile.Write(ref _values[i], value);
                _count++;
                return;
            }

            if (_keys[i] == key)
            {
                Volatile.Write(ref _values[i], value);
                return;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>A copy with twice the capacity (writer only).</summary>
    public IdIndex Grow()
    {
        var grown = new IdIndex(_keys.Length * 2);
        for (int i = 0; i < _keys.Length; i++)
        {
            if (_values[i] != 0)
            {
                grown.Set(_keys[i], _values[i]);
            }
        }

        return grown;
    }

    private int Slot(Guid key)
    {
        uint h = (uint)key.GetHashCode();
        h ^= h >> 16;
        h *= 0x7feb352du;
        h ^= h >> 15;
        return (int)h & _mask;
    }
}
