using System.Buffers;

namespace ReasoningGraph.Tracing;

/// <summary>
/// A binary min-heap of distinct ranks in a rented array: the trace's ready set, where a rank is its own priority,
/// so it holds one int per entry and compares nothing else (a <see cref="PriorityQueue{TElement, TPriority}"/> stores
/// pairs). Dispose returns the array.
/// </summary>
internal struct RankHeap(int capacity) : IDisposable
{
    private int[] _heap = ArrayPool<int>.Shared.Rent(Math.Max(capacity, 1));

    public int Count { get; private set; }

    public void Push(int rank)
    {
        int at = Count++;
        while (at > 0)
        {
            int parent = (at - 1) >> 1;
            if (_heap[parent] <= rank)
            {
                break;
            }

            _heap[at] = _heap[parent];
            at = parent;
        }

        _heap[at] = rank;
    }

    public int Pop()
    {
        int top = _heap[0];
        int last = _heap[--Count];
        int at = 0;
        while (true)
        {
            int child = (2 * at) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _heap[child + 1] < _heap[child])
            {
                child++;
            }

            if (_heap[child] >= last)
            {
                break;
            }

            _heap[at] = _heap[child];
            at = child;
        }

        _heap[at] = last;
        return top;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_heap);
        _heap = [];
    }
}
