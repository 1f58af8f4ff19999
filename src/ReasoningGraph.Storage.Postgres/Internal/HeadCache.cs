using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// What the one-round-trip write (<see cref="ExpectedWrite"/>) assumes: the graph head as this store last
/// committed or locked it, and items it knows are stored. Both may be stale (another host wrote, a snapshot or a
/// control change moved the chain): the write's statement checks the head in the database and fails as a whole
/// when it moved, so a stale cache costs one round trip, never a wrong write.
/// </summary>
/// <remarks>
/// Items are immutable and never deleted, so a cached item stays true; the cache only bounds how many it keeps
/// (oldest out first; 1,024 items, payloads included, so a store with large payloads keeps tens of megabytes at most
/// beside what its callers hold). After a miss the expected write is skipped for 2, 4, … 64 commits, so hosts that take
/// turns writing one graph settle on the locked write instead of paying the miss each time.
/// </remarks>
internal sealed class HeadCache(int capacity = 1024)
{
    private const int MaxBackoffExponent = 6;

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, GraphItem> _items = new(capacity);
    private readonly Queue<Guid> _order = new(capacity);
    private HeadState? _head;
    private int _misses;
    private int _skip;

    /// <summary>The head to expect, unless it is unknown or the expected write is backing off after a miss.</summary>
    public bool TryGetHead(out HeadState head)
    {
        lock (_lock)
        {
            head = _head.GetValueOrDefault();
            if (_head is null)
            {
                return false;
            }

            if (_skip > 0)
            {
                _skip--;
                return false;
            }

            return true;
        }
    }

    /// <summary>Every one of <paramref name="ids"/> this cache knows, into <paramref name="found"/>.</summary>
    public void Find(IEnumerable<Guid> ids, Dictionary<Guid, GraphItem> found)
    {
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_items.TryGetValue(id, out var item))
                {
                    found[id] = item;
                }
            }
        }
    }

    /// <summary>
    /// The head as a committed write left it (or as the head lock showed it), with items now known to be stored.
    /// <paramref name="expectedWrite"/>: it was the expected write that committed, which ends a backoff.
    /// </summary>
    public void Observed(HeadState head, IEnumerable<GraphItem> items, bool expectedWrite = false)
    {
        lock (_lock)
        {
            _head = head;
            if (expectedWrite)
            {
                _misses = 0;
            }

            foreach (var item in items)
            {
                if (_items.TryAdd(item.Id, item))
                {
                    _order.Enqueue(item.Id);
                    if (_order.Count > capacity)
                    {
                        _items.Remove(_order.Dequeue());
                    }
                }
            }
        }
    }

    /// <summary>The database's head was not the expected one: forget it and back off.</summary>
    public void Missed()
    {
        lock (_lock)
        {
            _head = null;
            _misses = Math.Min(_misses + 1, MaxBackoffExponent);
            _skip = 1 << _misses;
        }
    }

    /// <summary>A write's outcome is unknown (its connection broke after sending): the head must be read again.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _head = null;
        }
    }
}
