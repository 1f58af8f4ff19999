using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// <see cref="PostgresWriteHealthCheck"/> on a scripted probe: the verdict a readiness endpoint reports, one probe at a
/// time and at most one per <see cref="PostgresWriteHealthCheck.MaxAge"/>, <see cref="PostgresWriteHealthCheck.BlockedSince"/>,
/// and one log line into the blocked state and one out of it.
/// </summary>
public sealed class PostgresWriteHealthCheckTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private static readonly HealthCheckContext Context = new() { Registration = new HealthCheckRegistration("writes", _ => null!, HealthStatus.Unhealthy, null) };
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly RecordingLogger<PostgresWriteHealthCheck> _logger = new();
    private readonly Queue<WriteProbeResult> _results = new();
    private int _probes;

    [Fact]
    public async Task ABlockedCommit_IsUnhealthyWithItsReason_SetsBlockedSince_AndIsLoggedOnce_UntilACommitGoesThroughAgain()
    {
        var health = Create();
        Enqueue(Blocked("SyncRep"), Blocked("SyncRep"), Blocked("SyncRep"), Committed(), Committed());

        var first = await health.CheckHealthAsync(Context);
        Assert.Equal(_time.GetUtcNow(), health.BlockedSince);
        for (int i = 0; i < 2; i++)
        {
            _time.Advance(health.MaxAge);
            Assert.Equal(first.Description, (await health.CheckHealthAsync(Context)).Description);
        }

        _time.Advance(health.MaxAge);
        var recovered = await health.CheckHealthAsync(Context);
        _time.Advance(health.MaxAge);
        await health.CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Unhealthy, first.Status);
        Assert.Equal("writes are blocked waiting for synchronous replication: a commit did not complete within 2 s "
            + "(no synchronous standby confirms it; see docs/runbooks/postgres-failover.md)", first.Description);
        Assert.Equal("SyncRep", first.Data["waitEvent"]);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
        Assert.Null(health.BlockedSince);
        Assert.Equal(5, _probes);
        var blocked = Assert.Single(_logger.Lines, l => l.EventId == 3030);
        Assert.Equal(LogLevel.Warning, blocked.Level);
        Assert.Contains("docs/runbooks/postgres-failover.md", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("synchronous_mode_strict", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("commit again", Assert.Single(_logger.Lines, l => l.EventId == 3031).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommitWaitingOnSomethingElse_SaysWhat()
    {
        var health = Create();
        Enqueue(Blocked("WALWrite"));

        Assert.Equal("writes are blocked: a commit did not complete within 2 s (waiting on WALWrite; see docs/runbooks/postgres-failover.md)",
            (await health.CheckHealthAsync(Context)).Description);
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

        var callers = Enumerable.Range(0, 20).Select(_ => health.CheckHealthAsync(Context)).ToArray();
        await Task.Delay(50);
        release.SetResult(Committed());
        Assert.All(await Task.WhenAll(callers), result => Assert.Equal(HealthStatus.Healthy, result.Status));
        _time.Advance(health.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Context)).Status);
        Assert.Equal(1, _probes);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Context)).Status); // the completed task answers again: a new probe
        Assert.Equal(2, _probes);
    }

    [Fact]
    public async Task AProbeThatFails_IsUnhealthy_WithoutClaimingWritesBlocked()
    {
        var failure = new ReasoningGraph.Errors.ReasoningGraphException(ReasoningGraph.Errors.ErrorCodes.StoreUnavailable, "The database takes no writes: the session is read-only.");
        var health = Create((_, _) => throw failure);

        var result = await health.CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("PostgreSQL did not commit the write probe (STORE_UNAVAILABLE; see the service log)", result.Description);
        Assert.Same(failure, result.Exception);
        Assert.Null(health.BlockedSince);
        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public async Task AProbeThatCannotConnect_SaysNeitherHostNorPort_AndCarriesTheExceptionForTheLog()
    {
        var failure = new System.Net.Sockets.SocketException(111, "Failed to connect to 10.20.30.40:5433 (pg-primary.internal)");
        var health = Create((_, _) => Task.FromException<WriteProbeResult>(failure));

        var result = await health.CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("PostgreSQL did not commit the write probe (see the service log)", result.Description);
        Assert.Same(failure, result.Exception);
    }

    [Fact]
    public async Task AProbeThatNeverAnswers_FailsOnce_AndLaterCallersAnswerAtOnce_WithoutASecondProbe()
    {
        var health = Create((_, _) =>
        {
            Interlocked.Increment(ref _probes);
            return new TaskCompletionSource<WriteProbeResult>().Task; // deaf to the token: never completes
        });

        var first = health.CheckHealthAsync(Context);
        await Task.Delay(50);
        _time.Advance(Bound + TimeSpan.FromSeconds(2));
        var results = new List<HealthCheckResult> { await first.WaitAsync(TimeSpan.FromSeconds(10)) };
        results.Add(await health.CheckHealthAsync(Context).WaitAsync(TimeSpan.FromSeconds(10))); // the verdict stands for MaxAge
        _time.Advance(health.MaxAge);
        results.Add(await health.CheckHealthAsync(Context).WaitAsync(TimeSpan.FromSeconds(10))); // the probe still hangs: not joined again

        Assert.All(results, result => Assert.Equal("the write probe got no answer from the store within 4 s", result.Description));
        Assert.Equal(1, _probes);
    }

    private PostgresWriteHealthCheck Create(Func<TimeSpan, CancellationToken, Task<WriteProbeResult>>? probe = null) => new(
        probe ?? ((bound, _) =>
        {
            Assert.Equal(Bound, bound);
            Interlocked.Increment(ref _probes);
            return Task.FromResult(_results.Dequeue());
        }),
        "g1", Bound, timeProvider: _time, logger: _logger);

    private void Enqueue(params WriteProbeResult[] results)
    {
        foreach (var result in results)
        {
            _results.Enqueue(result);
        }
    }

    private static WriteProbeResult Blocked(string waitEvent) => new(committed: false, Bound, waitEvent);

    private static WriteProbeResult Committed() => new(committed: true, TimeSpan.FromMilliseconds(3));
}
