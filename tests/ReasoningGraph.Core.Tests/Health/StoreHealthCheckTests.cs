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
    public async Task AStoreThatFails_IsUnhealthy_WithACoarseDescription_AndItsExceptionAttachedForTheLog()
    {
        var failure = new InvalidOperationException("Failed to connect to db-7.internal.example:5432");
        var store = new ReadCountingStore(new InMemoryGraphStore(timeProvider: _time)) { Failure = failure };
        await using var services = Build(store, builder => builder.AddReasoningGraph(tags: ["ready"]));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        var entry = report.Entries["reasoning-graph"];
        Assert.Equal("the store did not answer the read probe (see the service log)", entry.Description);
        Assert.Same(failure, entry.Exception);
    }

    [Fact]
    public async Task AStoreThatFailsWithADomainError_SaysItsStableCode()
    {
        var failure = new ReasoningGraph.Errors.ReasoningGraphException(ReasoningGraph.Errors.ErrorCodes.StoreUnavailable, "Host db-7.internal.example:5432 refused");
        var store = new ReadCountingStore(new InMemoryGraphStore(timeProvider: _time)) { Failure = failure };
        var check = new ReasoningGraphStoreHealthCheck(store, timeProvider: _time);

        var result = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy));

        Assert.Equal("the store did not answer the read probe (STORE_UNAVAILABLE; see the service log)", result.Description);
        Assert.Same(failure, result.Exception);
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
    public async Task AStoreThatNeverAnswers_LaterChecksAnswerAtOnce_WithoutASecondRead()
    {
        var store = new ReadCountingStore(new InMemoryGraphStore()) { HangDeaf = true };
        var check = new ReasoningGraphStoreHealthCheck(store, timeout: TimeSpan.FromSeconds(1), maxAge: TimeSpan.Zero);

        var first = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy)).WaitAsync(TimeSpan.FromSeconds(10));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var later = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(500), $"the later check waited {started.Elapsed}");
        Assert.Equal("the store did not answer within 1 s", first.Description);
        Assert.Equal("the store did not answer within 1 s", later.Description);
        Assert.Equal(1, store.Reads);
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
        Assert.Equal("the archive cannot take snapshots (see the service log)", blocked.Description);
        Assert.DoesNotContain(_directory, blocked.Description, StringComparison.Ordinal);
        Assert.Contains("is not writable", blocked.Exception!.Message, StringComparison.Ordinal); // the archive's detail, for the log
    }

    [Fact]
    public async Task AnArchiveThatThrows_IsUnhealthy_WithoutItsMessage_AndWithItsException()
    {
        var failure = new IOException("Access denied: s3://secret-bucket.minio.internal:9000/snapshots");
        var check = new SnapshotArchiveHealthCheck(new ScriptedArchive { Failure = failure });

        var result = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("the archive's probe failed (see the service log)", result.Description);
        Assert.Same(failure, result.Exception);
    }

    [Fact]
    public async Task AnArchiveThatNeverAnswers_FailsAfterTheChecksTimeout_WithOneProbeInFlightForEveryCaller()
    {
        var archive = new ScriptedArchive { HangDeaf = true };
        var check = new SnapshotArchiveHealthCheck(archive, timeout: TimeSpan.FromSeconds(1));

        var first = check.CheckHealthAsync(Context(HealthStatus.Unhealthy));
        var second = check.CheckHealthAsync(Context(HealthStatus.Unhealthy));
        var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        // The probe still hangs: a later caller gets its answer at once, and no second probe joins the first.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var third = await check.CheckHealthAsync(Context(HealthStatus.Unhealthy)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(500), $"the third check waited {started.Elapsed}");
        foreach (var result in (HealthCheckResult[])[.. results, third])
        {
            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Equal("the archive did not answer within 1 s", result.Description);
        }

        Assert.Equal(1, archive.Probes);
    }

    [Fact]
    public async Task AddReasoningGraphArchive_BoundsTheProbeBy5sByDefault()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ReasoningGraph.Archive.ISnapshotArchive>(new ScriptedArchive());
        services.AddHealthChecks().AddReasoningGraphArchive(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();

        var check = provider.GetRequiredKeyedService<SnapshotArchiveHealthCheck>("reasoning-graph-archive");

        Assert.Equal(TimeSpan.FromSeconds(5), check.Timeout);
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

    /// <summary>An archive whose probe throws or never answers, whatever the token says.</summary>
    private sealed class ScriptedArchive : ReasoningGraph.Archive.ISnapshotArchive
    {
        private int _probes;

        public int Probes => Volatile.Read(ref _probes);

        public Exception? Failure { get; init; }

        public bool HangDeaf { get; init; }

        public string Kind => "scripted";

        public async Task<ReasoningGraph.Archive.ArchiveProbeResult> ProbeAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _probes);
            if (HangDeaf)
            {
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }

            return Failure is null ? new(true, "ready") : throw Failure;
        }

        public Task<ReasoningGraph.Archive.ArchiveReceipt> PutAsync(ReasoningGraph.Archive.ArchiveDocument document, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ReasoningGraph.Archive.ArchiveDocument?> GetAsync(string snapshotId, string hash, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ReasoningGraph.Archive.ArchiveEntry> ListAsync(CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
