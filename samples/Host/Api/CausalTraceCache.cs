using System.Diagnostics.Metrics;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Model;
using ReasoningGraph.Tracing;

namespace ReasoningGraph.Host.Api;

/// <summary>
/// The serialized answers of <c>GET /reason/traces/{id}</c>, kept in memory: a trace as of a given <c>seq</c> never
/// changes, so an answer computed at the store's current max <c>seq</c> is exact until the next write. One entry per
/// (root, redaction view) holding the <c>seq</c> it was computed at; a lookup hits only when that is still the store's
/// max <c>seq</c>, so a write makes every later request miss (and replace the entry). Entries are evicted least
/// recently used first once their bytes exceed <c>TRACE_CACHE_MAX_BYTES</c> (0 turns the cache off). Thread-safe.
/// </summary>
internal sealed class CausalTraceCache
{
    /// <summary>The meter of the host's own instruments.</summary>
    public const string MeterName = "ReasoningGraph.Host";

    private readonly Lock _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = [];
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private long _bytes;

    public CausalTraceCache(long maxBytes, IMeterFactory meters)
    {
        MaxBytes = Math.Max(0, maxBytes);
        var meter = meters.Create(MeterName);
        _hits = meter.CreateCounter<long>("reasoning_graph.host.trace_cache.hits", description: "Causal trace answers served from the cache.");
        _misses = meter.CreateCounter<long>("reasoning_graph.host.trace_cache.misses", description: "Causal trace answers computed (not in the cache, or stale).");
        meter.CreateObservableGauge("reasoning_graph.host.trace_cache.bytes", () => Bytes, unit: "By", description: "Bytes held by the causal trace cache.");
    }

    /// <summary>The memory bound; 0 when the cache is off.</summary>
    public long MaxBytes { get; }

    /// <summary>The bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Registers the cache with its bound (<c>TRACE_CACHE_MAX_BYTES</c>).</summary>
    public static void Add(IServiceCollection services, long maxBytes) =>
        services.AddSingleton(provider => new CausalTraceCache(maxBytes, provider.GetRequiredService<IMeterFactory>()));

    /// <summary>
    /// The answer for <paramref name="root"/> as <paramref name="view"/> may see it: from the cache when it was computed
    /// at the graph's current max <c>seq</c>, else computed and kept under the <c>seq</c> it was built at
    /// (<see cref="CausalTrace.AsOf"/>), so an entry always holds the trace as of its own <c>seq</c>.
    /// </summary>
    public async Task<IResult> AnswerAsync(Guid root, ReadView view, IReasoningGraph graph, TimeProvider time, CancellationToken cancellationToken)
    {
        if (MaxBytes == 0)
        {
            return await ComputeAsync(root, view, graph, cancellationToken);
        }

        long seq = await graph.GetMaxSeqAsync(cancellationToken);
        if (Find(root, view.MayReadPii, seq) is { } cached)
        {
            return cached.At(Rfc3339Nano.ToStoredPrecision(time.GetUtcNow()));
        }

        var trace = view.Redact(await graph.GetCausalTraceAsync(root, cancellationToken));
        var answer = CausalTraceAnswer.Of(trace);
        Store(root, view.MayReadPii, trace.AsOf, answer);
        return answer.At(trace.Metadata.CreatedAt);
    }

    private static async Task<IResult> ComputeAsync(Guid root, ReadView view, IReasoningGraph graph, CancellationToken cancellationToken)
    {
        var trace = view.Redact(await graph.GetCausalTraceAsync(root, cancellationToken));
        return CausalTraceAnswer.Of(trace).At(trace.Metadata.CreatedAt);
    }

    /// <summary>The answer for (<paramref name="root"/>, <paramref name="mayReadPii"/>) computed at exactly <paramref name="seq"/>, or null.</summary>
    public CausalTraceAnswer? Find(Guid root, bool mayReadPii, long seq)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(new Key(root, mayReadPii), out var node) && node.Value.Seq == seq)
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits.Add(1);
                return node.Value.Answer;
            }
        }

        _misses.Add(1);
        return null;
    }

    /// <summary>Keeps <paramref name="answer"/>, computed at <paramref name="seq"/>, replacing what the key held.</summary>
    public void Store(Guid root, bool mayReadPii, long seq, CausalTraceAnswer answer)
    {
        long size = answer.Size;
        if (size > MaxBytes)
        {
            return;
        }

        var key = new Key(root, mayReadPii);
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                if (old.Value.Seq > seq)
                {
                    // A slower request computed an older answer: keep the newer one.
                    _entries.Add(key, old);
                    return;
                }

                Evict(old);
            }

            _entries.Add(key, _recency.AddFirst(new Entry(key, seq, answer)));
            _bytes += size;
            while (_bytes > MaxBytes && _recency.Last is { } last)
            {
                _entries.Remove(last.Value.Key);
                Evict(last);
            }
        }
    }

    private void Evict(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _bytes -= node.Value.Answer.Size;
    }

    private readonly record struct Key(Guid Root, bool MayReadPii);

    private sealed record Entry(Key Key, long Seq, CausalTraceAnswer Answer);
}
