using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Host.Serving;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>
/// <see cref="StoreWriteHealth"/>, <c>/ready</c>'s <c>writes</c> check around the package's
/// <see cref="PostgresWriteHealthCheck"/> (whose verdicts and log lines its own tests cover): nothing is probed in
/// read-only mode, and the blocked gauge follows the probe.
/// </summary>
public sealed class StoreWriteHealthTests : IDisposable
{
    private static readonly HealthCheckContext Context = new() { Registration = new HealthCheckRegistration("writes", _ => null!, HealthStatus.Unhealthy, null) };
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Queue<WriteProbeResult> _results = new();
    private int _probes;
    private bool _readOnly;

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ABlockedCommit_SetsTheGauge_UntilACommitGoesThroughAgain()
    {
        var (health, probe) = Create();
        using var gauge = new GaugeReader(_services.GetRequiredService<IMeterFactory>());
        _results.Enqueue(new WriteProbeResult(committed: false, TimeSpan.FromSeconds(2), "SyncRep"));
        _results.Enqueue(new WriteProbeResult(committed: true, TimeSpan.FromMilliseconds(3)));

        Assert.Equal(0, gauge.Read());
        var blocked = await health.CheckHealthAsync(Context);
        Assert.Equal(1, gauge.Read());
        _time.Advance(probe.MaxAge);
        var recovered = await health.CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Unhealthy, blocked.Status);
        Assert.StartsWith("writes are blocked waiting for synchronous replication", blocked.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
        Assert.Equal(0, gauge.Read());
    }

    [Fact]
    public async Task InReadOnlyMode_NothingIsProbed()
    {
        var (health, _) = Create();
        _readOnly = true;

        var result = await health.CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("not checked: read-only", result.Description);
        Assert.Equal(0, _probes);
    }

    private (StoreWriteHealth Health, PostgresWriteHealthCheck Probe) Create()
    {
        var probe = new PostgresWriteHealthCheck(
            (_, _) =>
            {
                Interlocked.Increment(ref _probes);
                return Task.FromResult(_results.Dequeue());
            },
            "g1", TimeSpan.FromSeconds(2), timeProvider: _time);
        return (new StoreWriteHealth(probe, () => _readOnly, _services.GetRequiredService<IMeterFactory>()), probe);
    }

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
