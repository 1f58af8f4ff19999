using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Host.Serving;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>
/// <see cref="StoreWriteHealth"/> on a scripted probe: the verdict /ready reports, one probe at a time and at most one
/// per <see cref="StoreWriteHealth.MaxAge"/>, the gauge, and one log line into the blocked state and one out of it.
/// </summary>
public sealed class StoreWriteHealthTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly RecordingLogger<StoreWriteHealth> _logger = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Queue<WriteProbeResult> _results = new();
    private int _probes;
    private bool _readOnly;

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ABlockedCommit_Is503sReason_SetsTheGauge_AndIsLoggedOnce_UntilACommitGoesThroughAgain()
    {
        var health = Create();
        using var gauge = new GaugeReader(_services.GetRequiredService<IMeterFactory>());
        Enqueue(Blocked("SyncRep"), Blocked("SyncRep"), Blocked("SyncRep"), Committed(), Committed());

        string first = await health.StatusAsync();
        Assert.Equal(1, gauge.Read());
        for (int i = 0; i < 2; i++)
        {
            _time.Advance(StoreWriteHealth.MaxAge);
            Assert.Equal(first, await health.StatusAsync());
        }

        _time.Advance(StoreWriteHealth.MaxAge);
        string recovered = await health.StatusAsync();
        _time.Advance(StoreWriteHealth.MaxAge);
        await health.StatusAsync();

        Assert.Equal("failed: writes are blocked waiting for synchronous replication: a commit did not complete within 2 s "
            + "(no synchronous standby confirms it; see docs/runbooks/postgres-failover.md)", first);
        Assert.Equal("ok", recovered);
        Assert.Equal(0, gauge.Read());
        Assert.Equal(5, _probes);
        var blocked = Assert.Single(_logger.Lines, l => l.EventId == 430);
        Assert.Equal(LogLevel.Warning, blocked.Level);
        Assert.Contains("docs/runbooks/postgres-failover.md", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("synchronous_mode_strict", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("commit again", Assert.Single(_logger.Lines, l => l.EventId == 431).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommitWaitingOnSomethingElse_SaysWhat()
    {
        var health = Create();
        Enqueue(Blocked("WALWrite"));

        Assert.Equal("failed: writes are blocked: a commit did not complete within 2 s (waiting on WALWrite; see docs/runbooks/postgres-failover.md)", await health.StatusAsync());
    }

    [Fact]
    public async Task CallersMeanwhile_ShareTheRunningProbe_AndAVerdictStandsForMaxAge()
    {
        var release = new TaskCompletionSource<WriteProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var health = Create((_, _) =>
        {
            Interlocked.Increment(ref _probes);
            return release.Task;
        });

        var callers = Enumerable.Range(0, 20).Select(_ => health.StatusAsync()).ToArray();
        await Task.Delay(50);
        release.SetResult(Committed());
        Assert.All(await Task.WhenAll(callers), status => Assert.Equal("ok", status));
        _time.Advance(StoreWriteHealth.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.Equal("ok", await health.StatusAsync());
        Assert.Equal(1, _probes);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("ok", await health.StatusAsync()); // the completed task answers again: a new probe
        Assert.Equal(2, _probes);
    }

    [Fact]
    public async Task AProbeThatFails_IsReportedAsFailed_WithoutClaimingWritesBlocked()
    {
        var health = Create((_, _) => throw new ReasoningGraph.Errors.ReasoningGraphException(ReasoningGraph.Errors.ErrorCodes.StoreUnavailable, "The database takes no writes: the session is read-only."));
        using var gauge = new GaugeReader(_services.GetRequiredService<IMeterFactory>());

        Assert.Equal("failed: The database takes no writes: the session is read-only.", await health.StatusAsync());
        Assert.Equal(0, gauge.Read());
        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public async Task InReadOnlyMode_NothingIsProbed()
    {
        var health = Create();
        _readOnly = true;

        Assert.Equal("not checked: read-only", await health.StatusAsync());
        Assert.Equal(0, _probes);
    }

    private StoreWriteHealth Create(Func<TimeSpan, CancellationToken, Task<WriteProbeResult>>? probe = null) => new(
        probe ?? ((bound, _) =>
        {
            Assert.Equal(Bound, bound);
            Interlocked.Increment(ref _probes);
            return Task.FromResult(_results.Dequeue());
        }),
        "g1", Bound, () => _readOnly, _time, _services.GetRequiredService<IMeterFactory>(), _logger);

    private void Enqueue(params WriteProbeResult[] results)
    {
        foreach (var result in results)
        {
            _results.Enqueue(result);
        }
    }

    private static WriteProbeResult Blocked(string waitEvent) => new(committed: false, Bound, waitEvent);

    private static WriteProbeResult Committed() => new(committed: true, TimeSpan.FromMilliseconds(3));

    /// <summary>The last observed value of the blocked gauge of one meter factory.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _value = -1;

        public GaugeReader(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "reasoning_graph.host.store_writes_blocked")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _value = value);
            _listener.Start();
        }

        public int Read()
        {
            _listener.RecordObservableInstruments();
            return _value;
        }

        public void Dispose() => _listener.Dispose();
    }
}
