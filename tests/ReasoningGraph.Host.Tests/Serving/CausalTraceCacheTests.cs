using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Tracing;
using ReasoningGraph.Primitives;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>The cache's bookkeeping: exact-seq hits, least-recently-used eviction by bytes, newer answers kept.</summary>
public sealed class CausalTraceCacheTests : IDisposable
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Find_HitsOnlyAtTheSeqTheAnswerWasComputedAt_AndPerView()
    {
        var cache = NewCache(1 << 20);
        var answer = Answer();
        cache.Store(A, mayReadPii: true, seq: 7, answer);

        Assert.Same(answer, cache.Find(A, true, 7));
        Assert.Null(cache.Find(A, true, 8));
        Assert.Null(cache.Find(A, false, 7));
        Assert.Null(cache.Find(B, true, 7));
    }

    [Fact]
    public void Store_EvictsTheLeastRecentlyUsed_WhenOverTheBound_AndKeepsTheNewerSeq()
    {
        long size = Answer().Size;
        var cache = NewCache(2 * size);
        cache.Store(A, false, 1, Answer());
        cache.Store(B, false, 1, Answer());
        Assert.NotNull(cache.Find(A, false, 1)); // A is now the most recently used

        cache.Store(C, false, 1, Answer());

        Assert.Null(cache.Find(B, false, 1));
        Assert.NotNull(cache.Find(A, false, 1));
        Assert.NotNull(cache.Find(C, false, 1));
        Assert.Equal(2 * size, cache.Bytes);

        cache.Store(A, false, 5, Answer()); // replaces A's entry
        cache.Store(A, false, 3, Answer()); // an older answer arriving late does not
        Assert.NotNull(cache.Find(A, false, 5));
        Assert.Null(cache.Find(A, false, 3));
        Assert.Equal(2 * size, cache.Bytes);
    }

    [Fact]
    public void ZeroBytes_KeepsNothing()
    {
        var cache = NewCache(0);
        cache.Store(A, false, 1, Answer());

        Assert.Null(cache.Find(A, false, 1));
        Assert.Equal(0, cache.Bytes);
    }

    private CausalTraceCache NewCache(long maxBytes) => new(maxBytes, _services.GetRequiredService<IMeterFactory>());

    private static CausalTraceAnswer Answer() => CausalTraceAnswer.Of(new CausalTrace
    {
        TraceId = "t",
        OrderedPath = [],
        Metadata = new CausalTraceMetadata
        {
            TraceId = "t", CreatedAt = DateTimeOffset.UnixEpoch, Length = 0, CycleDetected = false, CycleDetails = "", CycleNodes = [], Truncated = false,
        },
    });
}
