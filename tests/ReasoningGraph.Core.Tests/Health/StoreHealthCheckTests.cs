using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Archive.FileSystem;
using ReasoningGraph.Health;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Core.Tests.Health;

/// <summary>
/// <c>AddHealthChecks().AddReasoningGraph()</c> and <c>AddReasoningGraphArchive()</c> through <see cref="HealthCheckService"/>:
/// the store's read and the archive's probe decide Healthy or Unhealthy, a store that does not answer fails after the
/// check's own timeout, and a verdict stands for its interval however often it is asked.
/// </summary>
public sealed class StoreHealthCheckTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly string _directory = Directory.CreateTempSubdirectory("rg-health-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AStoreThatAnswers_IsHealthy_WithItsMaxSeq_AndIsReadOncePerMaxAge()
    {
        var store = new ReadCountingStore(new InMemoryGraphStore(timeProvider: _time));
        await using var services = Build(store, builder => builder.AddReasoningGraph(tags: ["ready"]));
        await services.GetRequiredService<IReasoningGraph>().AppendNodeAsync(Items.Node());
        var health = services.GetRequiredService<HealthCheckService>();

        var first = await health.CheckHealthAsync();
        await health.CheckHealthAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, first.Status);
        Assert.Equal(1L, first.Entries["reasoning-graph"].Data["maxSeq"]);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task AStoreThatFails_IsUnhealthy_WithItsMessage()
    {
        var store = new ReadCountingStore(new InMemoryGraphStore(timeProvider: _time)) { Failure = new InvalidOperationException("the database is gone") };
        await using var services = Build(store, builder => builder.AddReasoningGraph(tags: ["ready"]));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("the database is gone", report.Entries["reasoning-graph"].Description);
    }

    [Fact]
    public async Task AStoreThatHangs_FailsAfterTheChecksTimeout()
    {
        var store = new ReadCountingStore(new InMemoryGraphStore()) { Hang = true };
        var check = new ReasoningGraphStoreHealthCheck(store, timeout: TimeSpan.FromMilliseconds(200));

        var result = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("the store did not answer within 0.2 s", result.Description);
    }

    [Fact]
    public async Task AStoreThatIgnoresCancellation_StillFailsAfterTheTimeout()
    {
        var store = new ReadCountingStore(new InMemoryGraphStore()) { HangDeaf = true };
        var check = new ReasoningGraphStoreHealthCheck(store, timeout: TimeSpan.FromMilliseconds(200));

        var result = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("the store did not answer within 0.2 s", result.Description);
    }

    [Fact]
    public async Task AnArchive_IsHealthyWhenWritable_AndUnhealthyWithItsDetailWhenNot()
    {
        string file = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(file, "");

        var writable = await new SnapshotArchiveHealthCheck(new FileSystemSnapshotArchive(new FileSystemArchiveOptions { Directory = Path.Combine(_directory, "archive") }))
            .CheckHealthAsync(Context(HealthStatus.Unhealthy));
        var blocked = await new SnapshotArchiveHealthCheck(new FileSystemSnapshotArchive(new FileSystemArchiveOptions { Directory = Path.Combine(file, "archive") }))
            .CheckHealthAsync(Context(HealthStatus.Degraded));

        Assert.Equal(HealthStatus.Healthy, writable.Status);
        Assert.Equal(HealthStatus.Degraded, blocked.Status); // the registration's failure status
        Assert.Contains("is not writable", blocked.Description, StringComparison.Ordinal);
    }

    private ServiceProvider Build(IReasoningGraphStore store, Action<IHealthChecksBuilder> checks)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_time);
        services.AddReasoningGraph().UseStore(_ => store);
        checks(services.AddHealthChecks());
        return services.BuildServiceProvider();
    }

    private static HealthCheckContext Context(HealthStatus failureStatus) =>
        new() { Registration = new HealthCheckRegistration("check", _ => null!, failureStatus, null) };

    /// <summary>Counts the max-seq reads; can fail them or never answer.</summary>
    private sealed class ReadCountingStore(IReasoningGraphStore inner) : ForwardingStore(inner)
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Exception? Failure { get; init; }

        public bool Hang { get; init; }

        /// <summary>Never answers, whatever the token says (a driver stuck in a call).</summary>
        public bool HangDeaf { get; init; }

        public override async ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (HangDeaf)
            {
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }

            return Failure is null ? await Inner.GetMaxSeqAsync(cancellationToken) : throw Failure;
        }
    }
}
