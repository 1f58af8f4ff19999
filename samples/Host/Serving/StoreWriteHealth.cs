using System.Diagnostics.Metrics;
using System.Globalization;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Whether the store can commit a write now, for <c>/ready</c>'s <c>writes</c> component and the
/// <c>reasoning_graph_host_store_writes_blocked</c> gauge: on PostgreSQL, one tiny write that needs WAL and a commit
/// (<see cref="PostgresWriteProbe.ProbeAsync"/>; no table, no audit event) must commit within
/// <c>READY_WRITE_PROBE_TIMEOUT_MS</c>. Under Patroni's <c>synchronous_mode_strict</c> every commit waits while no
/// synchronous standby is connected; the probe then times out, <c>/ready</c> answers 503 and the load balancer stops
/// sending requests that would hang. At most one probe per <see cref="MaxAge"/> from this host, one at a time: callers
/// arriving meanwhile share the one running. The change into and out of the blocked state is logged once each.
/// </summary>
internal sealed partial class StoreWriteHealth
{
    /// <summary>How long a verdict stands: the store sees at most one probe per interval from a host, however often <c>/ready</c> is asked.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    public const string Runbook = "docs/runbooks/postgres-failover.md";

    /// <summary>Beyond the bound, for opening a connection and reading what a blocked commit waits for.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private readonly Func<TimeSpan, CancellationToken, Task<WriteProbeResult>>? _probe;
    private readonly string _graphId;
    private readonly TimeSpan _bound;
    private readonly Func<bool> _readOnly;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<Verdict>? _probing;
    private Verdict? _last;
    private DateTimeOffset? _blockedSince;

    /// <param name="probe">The store's write probe; null when there is none (the embedded store, or the probe turned off).</param>
    /// <param name="graphId">The graph, for the log.</param>
    /// <param name="bound">How long the probe's commit may take.</param>
    /// <param name="readOnly">Whether writes are refused anyway (read-only mode): then nothing is probed.</param>
    /// <param name="time">The clock.</param>
    /// <param name="meters">Where the gauge is created.</param>
    /// <param name="logger">Receives the blocked and unblocked lines.</param>
    public StoreWriteHealth(
        Func<TimeSpan, CancellationToken, Task<WriteProbeResult>>? probe, string graphId, TimeSpan bound, Func<bool> readOnly, TimeProvider time, IMeterFactory meters,
        ILogger<StoreWriteHealth> logger)
    {
        _probe = probe;
        _graphId = graphId;
        _bound = bound;
        _readOnly = readOnly;
        _time = time;
        _logger = logger;
        if (probe is not null)
        {
            meters.Create(CausalTraceCache.MeterName).CreateObservableGauge(
                "reasoning_graph.host.store_writes_blocked", () => BlockedSince() is null ? 0 : 1,
                description: "1 while the store's last write probe did not commit within READY_WRITE_PROBE_TIMEOUT_MS (e.g. waiting for a synchronous standby); /ready answers 503 meanwhile.");
        }
    }

    /// <summary>Registers the probe of the configured store: PostgreSQL's, unless <c>READY_WRITE_PROBE_TIMEOUT_MS=0</c>.</summary>
    public static void Add(IServiceCollection services, StoreOptions options) =>
        services.AddSingleton(provider =>
        {
            var store = options.ConnectionString is not null && options.WriteProbeTimeout > TimeSpan.Zero ? provider.GetRequiredService<PostgresGraphStore>() : null;
            var writes = provider.GetRequiredService<WriteGuard>();
            return new StoreWriteHealth(
                store is null ? null : new PostgresWriteProbe(store).ProbeAsync, store?.GraphId ?? "", options.WriteProbeTimeout, () => writes.ReadOnly,
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<ILogger<StoreWriteHealth>>());
        });

    /// <summary><c>ok</c>, <c>failed: …</c> (blocked, or the probe failed), <c>not checked: read-only</c> or <c>not configured</c>.</summary>
    public async Task<string> StatusAsync()
    {
        if (_probe is null)
        {
            return "not configured";
        }

        if (_readOnly())
        {
            return "not checked: read-only"; // writes are refused anyway; reads decide
        }

        if (Volatile.Read(ref _last) is { } fresh && _time.GetUtcNow() - fresh.At < MaxAge)
        {
            return fresh.Status;
        }

        Task<Verdict> probing;
        lock (_gate)
        {
            if (_probing is null || _probing.IsCompleted)
            {
                _probing = ProbeAsync();
            }

            probing = _probing;
        }

        try
        {
            return (await probing.WaitAsync(_bound + Grace, _time)).Status;
        }
        catch (TimeoutException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"failed: the write probe got no answer from the store within {(_bound + Grace).TotalSeconds:0.###} s");
        }
    }

    private async Task<Verdict> ProbeAsync()
    {
        await Task.Yield(); // started under the gate: the probe runs outside it
        using var timeout = new CancellationTokenSource(_bound + Grace, _time);
        string status;
        try
        {
            var result = await _probe!(_bound, timeout.Token);
            status = result.Committed ? "ok" : Blocked(result);
            Report(result);
        }
        catch (OperationCanceledException)
        {
            status = string.Create(CultureInfo.InvariantCulture, $"failed: the write probe got no answer from the store within {(_bound + Grace).TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            status = "failed: " + e.Message; // unreachable, or a standby: not "blocked", so the gauge and the log stay as they were
        }

        var verdict = new Verdict(_time.GetUtcNow(), status);
        Volatile.Write(ref _last, verdict);
        return verdict;
    }

    private string Blocked(WriteProbeResult result) => result.WaitsForSynchronousReplication
        ? string.Create(CultureInfo.InvariantCulture,
            $"failed: writes are blocked waiting for synchronous replication: a commit did not complete within {_bound.TotalSeconds:0.###} s (no synchronous standby confirms it; see {Runbook})")
        : string.Create(CultureInfo.InvariantCulture,
            $"failed: writes are blocked: a commit did not complete within {_bound.TotalSeconds:0.###} s (waiting on {result.WaitEvent ?? "unknown"}; see {Runbook})");

    private DateTimeOffset? BlockedSince()
    {
        lock (_gate)
        {
            return _blockedSince;
        }
    }

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
            LogBlocked(_logger, _graphId, _bound.TotalSeconds, result.WaitEvent ?? "unknown", Runbook);
        }
        else if (result.Committed && was is { } since)
        {
            LogUnblocked(_logger, _graphId, (long)result.Elapsed.TotalMilliseconds, (long)(now - since).TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 430, Level = LogLevel.Warning, Message =
        "Writes to graph {GraphId} are blocked: a commit did not complete within {BoundSeconds} s (it waits on {WaitEvent}). Waiting on SyncRep means " +
        "no synchronous standby confirms commits (Patroni's synchronous_mode_strict with the standby away): every write waits, and /ready answers 503 " +
        "until one is back. Bring the standby back, or turn synchronous_mode_strict off to accept writes held by one machine only; see {Runbook}, " +
        "\"Strict synchronous mode\".")]
    private static partial void LogBlocked(ILogger logger, string graphId, double boundSeconds, string waitEvent, string runbook);

    [LoggerMessage(EventId = 431, Level = LogLevel.Information, Message =
        "Writes to graph {GraphId} commit again (the probe's commit took {Milliseconds} ms) after about {Seconds} s blocked; /ready answers 200 for them.")]
    private static partial void LogUnblocked(ILogger logger, string graphId, long milliseconds, long seconds);

    private sealed record Verdict(DateTimeOffset At, string Status);
}
