using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using ReasoningGraph.Health;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// Whether the store commits a write now: one tiny write that needs WAL and a commit (<see cref="PostgresWriteProbe"/>;
/// no table, no audit event) must commit within <see cref="Bound"/>. Under Patroni's <c>synchronous_mode_strict</c>
/// every commit waits while no synchronous standby is connected; the probe then reports the registration's failure
/// status, so a readiness endpoint stops the load balancer sending writes that would hang. At most one probe per
/// <see cref="MaxAge"/>, one at a time: callers arriving meanwhile share the one running, and a probe that never answers,
/// even one deaf to cancellation, costs a caller at most what is left of its time. A probe that fails (the database
/// unreachable, say) is described without its host, port or message (a readiness endpoint may show it to anyone), with
/// the exception attached for the operator's log. The change into the blocked state and out of it is logged once each
/// (event ids 3030 and 3031); <see cref="BlockedSince"/> feeds a gauge.
/// Registered by <c>AddHealthChecks().AddReasoningGraphPostgresWrites()</c>.
/// </summary>
public sealed class PostgresWriteHealthCheck : IHealthCheck
{
    /// <summary>The runbook named by a blocked verdict and its log line.</summary>
    public const string Runbook = "docs/runbooks/postgres-failover.md";

    /// <summary>Beyond the bound, for opening a connection and reading what a blocked commit waits for.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private readonly Func<TimeSpan, CancellationToken, Task<WriteProbeResult>> _probe;
    private readonly string _graphId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SingleFlightProbe<Verdict> _probing;
    private Verdict? _last;
    private DateTimeOffset? _blockedSince;

    /// <summary>Creates the check of <paramref name="store"/>'s database, probed on its connections.</summary>
    /// <param name="store">The store whose database is probed.</param>
    /// <param name="bound">How long the probe's commit may take; default 2 s.</param>
    /// <param name="maxAge">How long a verdict stands; default 5 s.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Receives the blocked and unblocked lines; none by default.</param>
    public PostgresWriteHealthCheck(
        PostgresGraphStore store, TimeSpan? bound = null, TimeSpan? maxAge = null, TimeProvider? timeProvider = null, ILogger<PostgresWriteHealthCheck>? logger = null)
        : this(new PostgresWriteProbe(store ?? throw new ArgumentNullException(nameof(store))).ProbeAsync, store.GraphId, bound, maxAge, timeProvider, logger)
    {
    }

    /// <summary>Creates the check on a probe of the caller's (another route to the database, or a scripted one).</summary>
    /// <param name="probe">Commits one write within the bound it is given, like <see cref="PostgresWriteProbe.ProbeAsync"/>.</param>
    /// <param name="graphId">The graph, for the log.</param>
    /// <param name="bound">How long the probe's commit may take; default 2 s.</param>
    /// <param name="maxAge">How long a verdict stands; default 5 s.</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Receives the blocked and unblocked lines; none by default.</param>
    public PostgresWriteHealthCheck(
        Func<TimeSpan, CancellationToken, Task<WriteProbeResult>> probe, string graphId, TimeSpan? bound = null, TimeSpan? maxAge = null,
        TimeProvider? timeProvider = null, ILogger<PostgresWriteHealthCheck>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(graphId);
        Bound = bound ?? TimeSpan.FromSeconds(2);
        MaxAge = maxAge ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Bound, TimeSpan.Zero, nameof(bound));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAge, TimeSpan.Zero, nameof(maxAge));
        _probe = probe;
        _graphId = graphId;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _probing = new SingleFlightProbe<Verdict>(Bound + Grace, _time);
    }

    /// <summary>How long the probe's commit may take.</summary>
    public TimeSpan Bound { get; }

    /// <summary>How long a verdict stands: the database sees at most one probe per interval from this check.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>When the probes began to find writes blocked; null while the last probe committed (or none ran).</summary>
    public DateTimeOffset? BlockedSince
    {
        get
        {
            lock (_gate)
            {
                return _blockedSince;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Volatile.Read(ref _last) is not { } verdict || _time.GetUtcNow() - verdict.At >= MaxAge)
        {
            try
            {
                verdict = await _probing.RunAsync(ProbeAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                verdict = new Verdict(_time.GetUtcNow(), NoAnswer(), null, e);
                Volatile.Write(ref _last, verdict);
            }
        }

        return verdict.Failure is null
            ? HealthCheckResult.Healthy(data: verdict.Data)
            : new HealthCheckResult(context.Registration.FailureStatus, verdict.Failure, verdict.Exception, verdict.Data);
    }

    private async Task<Verdict> ProbeAsync()
    {
        await Task.Yield(); // started under the gate: the probe runs outside it
        using var timeout = new CancellationTokenSource(Bound + Grace, _time);
        Verdict verdict;
        try
        {
            var result = await _probe(Bound, timeout.Token).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["elapsedMs"] = (long)result.Elapsed.TotalMilliseconds };
            if (result.WaitEvent is { } waitEvent)
            {
                data["waitEvent"] = waitEvent;
            }

            verdict = new Verdict(_time.GetUtcNow(), result.Committed ? null : Blocked(result), data, null);
            Report(result);
        }
        catch (OperationCanceledException e)
        {
            verdict = new Verdict(_time.GetUtcNow(), NoAnswer(), null, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Unreachable, or a standby: not "blocked", so BlockedSince and the log stay as they were.
            string failure = e is ReasoningGraph.Errors.ReasoningGraphException { ErrorCode: { Length: > 0 } code }
                ? $"PostgreSQL did not commit the write probe ({code}; see the service log)"
                : "PostgreSQL did not commit the write probe (see the service log)";
            verdict = new Verdict(_time.GetUtcNow(), failure, null, e);
        }

        Volatile.Write(ref _last, verdict);
        return verdict;
    }

    private string NoAnswer() =>
        string.Create(CultureInfo.InvariantCulture, $"the write probe got no answer from the store within {(Bound + Grace).TotalSeconds:0.###} s");

    private string Blocked(WriteProbeResult result) => result.WaitsForSynchronousReplication
        ? string.Create(CultureInfo.InvariantCulture,
            $"writes are blocked waiting for synchronous replication: a commit did not complete within {Bound.TotalSeconds:0.###} s (no synchronous standby confirms it; see {Runbook})")
        : string.Create(CultureInfo.InvariantCulture,
            $"writes are blocked: a commit did not complete within {Bound.TotalSeconds:0.###} s (waiting on {result.WaitEvent ?? "unknown"}; see {Runbook})");

    /// <summary>Logs the change into the blocked state and out of it, once each.</summary>
    private void Report(WriteProbeResult result)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? was;
        lock (_gate)
        {
            was = _blockedSince;
            _blockedSince = result.Committed ? null : was ?? now;
        }

        if (!result.Committed && was is null)
        {
            Log.WritesBlocked(_logger, _graphId, Bound.TotalSeconds, result.WaitEvent ?? "unknown", Runbook);
        }
        else if (result.Committed && was is { } since)
        {
            Log.WritesUnblocked(_logger, _graphId, (long)result.Elapsed.TotalMilliseconds, (long)(now - since).TotalSeconds);
        }
    }

    private sealed record Verdict(DateTimeOffset At, string? Failure, IReadOnlyDictionary<string, object>? Data, Exception? Exception);
}
