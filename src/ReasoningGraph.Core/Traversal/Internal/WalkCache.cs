namespace ReasoningGraph.Traversal.Internal;

/// <summary>
/// Keeps the most recently used walks (least-recently-used eviction, sliding expiry) so that a later page
/// resumes the materialized walk. A miss is always safe: the walk is rebuilt from its query.
/// </summary>
internal sealed class WalkCache(int capacity, TimeSpan expiry, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();

    /// <summary>The cached walk for the query, or a new uninitialized one (added to the cache).</summary>
    public IWalk GetOrAdd(WalkQuery query, Func<WalkQuery, IWalk> create)
    {
        if (capacity == 0)
        {
            return create(query);
        }

        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(query.Digest, out var hit) && now - hit.Value.LastUsed < expiry)
            {
                hit.Value.LastUsed = now;
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.State;
            }

            if (hit is not null)
            {
                Remove(hit);
            }

            var state = create(query);
            _entries[query.Digest] = _recency.AddFirst(new Entry(state) { LastUsed = now });
            while (_entries.Count > capacity || (_recency.Last is { } last && now - last.Value.LastUsed >= expiry))
            {
                Remove(_recency.Last!);
            }

            return state;
        }
    }

    /// <summary>Forgets a walk whose initialization failed.</summary>
    public void Remove(IWalk state)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(state.Query.Digest, out var node) && ReferenceEquals(node.Value.State, state))
            {
                Remove(node);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.State.Query.Digest);
        _recency.Remove(node);
    }

    private sealed class Entry(IWalk state)
    {
        public IWalk State { get; } = state;

        public DateTimeOffset LastUsed { get; set; }
    }
}
