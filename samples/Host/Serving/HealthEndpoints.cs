using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Model;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// <c>GET /health</c>: liveness and a summary of the configuration (no authentication). It answers 200 while the
/// process serves, whatever the store does; <c>db</c> (the replaced Go service's field) says whether the store
/// answered a ping, checked at most once a second so a busy prober cannot load the database. Readiness is
/// <c>/ready</c>.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    public static void Map(WebApplication app)
    {
        var time = app.Services.GetRequiredService<TimeProvider>();
        var facts = app.Services.GetRequiredService<HostFacts>();
        var tls = app.Services.GetRequiredService<Security.TlsMaterial>(); // expiries as rotated, not as at start
        var store = app.Services.GetRequiredService<IReasoningGraphStore>();
        var db = new StorePing(store, time);
        var started = time.GetUtcNow();
        var writes = app.Services.GetRequiredService<WriteGuard>();
        var status = app.Services.GetRequiredService<Background.GraphStatus>();
        app.MapGet("/health", async () =>
        {
            bool reachable = await db.IsReachableAsync();
            var now = time.GetUtcNow();
            return Results.Json(
                new HealthReport(
                    true,
                    reachable,
                    Rfc3339Nano.Format(now),
                    writes.ReadOnly,
                    facts.Mtls,
                    facts.KernelConfigured,
                    facts.Signer is not null,
                    (long)(now - started).TotalSeconds,
                    facts.Store,
                    tls.CaExpiry,
                    tls.ServerExpiry,
                    status.Audit?.PendingSignatures ?? 0,
                    writes.Reason,
                    status.Controls.SigningHold is { } hold ? new ControlReport(hold.Reason, hold.Actor, hold.Since) : null,
                    status.Snapshots?.OnHold ?? 0),
                HostJsonContext.Default.HealthReport);
        });
    }

    /// <summary>
    /// The store's last ping result, renewed when older than a second by one ping at a time: however many probes
    /// arrive at once, the store sees at most one query a second from here.
    /// </summary>
    private sealed class StorePing(IReasoningGraphStore store, TimeProvider time)
    {
        private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
        private readonly Lock _gate = new();
        private Task<bool>? _ping;
        private Result? _last;

        public Task<bool> IsReachableAsync()
        {
            if (Fresh() is { } fresh)
            {
                return Task.FromResult(fresh.Reachable);
            }

            lock (_gate)
            {
                // Callers arriving while a ping runs share it.
                if (_ping is null || _ping.IsCompleted)
                {
                    _ping = PingAsync();
                }

                return _ping;
            }
        }

        private async Task<bool> PingAsync()
        {
            bool reachable;
            using var timeout = new CancellationTokenSource(PingTimeout);
            try
            {
                await store.GetMaxSeqAsync(timeout.Token);
                reachable = true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                reachable = false;
            }

            Volatile.Write(ref _last, new Result(time.GetUtcNow(), reachable));
            return reachable;
        }

        private Result? Fresh() => Volatile.Read(ref _last) is { } last && time.GetUtcNow() - last.At < MaxAge ? last : null;

        private sealed record Result(DateTimeOffset At, bool Reachable);
    }
}
