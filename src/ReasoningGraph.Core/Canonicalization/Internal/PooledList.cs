using System.Buffers;
using System.Runtime.CompilerServices;

namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>A growable array rented from <see cref="ArrayPool{T}"/>; steady state allocates nothing.</summary>
internal struct PooledList<T>
{
    private T[] _items;
    private int _count;

    public PooledList(int capacity)
    {
        _items = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly T[] Items => _items;

    public readonly Span<T> AsSpan() => _items.AsSpan(0, _count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(T item)
    {
        if (_count == _items.Length)
        {
            Grow(_count + 1);
        }

        _items[_count] = item;
        return _count++;
    }

    public void Truncate(int count) => _count = count;

    public T Pop() => _items[--_count];

    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            Grow(capacity);
        }
    }

    public void Dispose()
    {
        if (_items is not null)
        {
            ArrayPool<T>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _items = null!;
        }
    }

    private void Grow(int minimum)
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(minimum, _items.Length * 2));
        _items.AsSpan(0, _count).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _items = bigger;
    }
}
