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
        var store = app.Services.GetRequiredService<IReasoningGraphStore>();
        var db = new StorePing(store, time);
        var started = time.GetUtcNow();
        bool readOnly = app.Services.GetRequiredService<WriteGuard>().ReadOnly;
        app.MapGet("/health", async (CancellationToken cancellationToken) =>
        {
            bool reachable = await db.IsReachableAsync(cancellationToken);
            var now = time.GetUtcNow();
            return Results.Json(
                new HealthReport(
                    true,
                    reachable,
                    Rfc3339Nano.Format(now),
                    readOnly,
                    facts.Mtls,
                    facts.KernelConfigured,
                    facts.Signer is not null,
                    (long)(now - started).TotalSeconds,
                    facts.Store,
                    facts.ClientCaExpiry,
                    facts.ServerCertificateExpiry),
                HostJsonContext.Default.HealthReport);
        });
    }

    /// <summary>The store's last ping result, renewed when older than a second (concurrent callers may share a ping).</summary>
    private sealed class StorePing(IReasoningGraphStore store, TimeProvider time)
    {
        private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
        private (DateTimeOffset At, bool Reachable)? _last;

        public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.At < MaxAge)
            {
                return last.Reachable;
            }

            bool reachable;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PingTimeout);
            try
            {
                await store.GetMaxSeqAsync(timeout.Token);
                reachable = true;
            }
            catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                reachable = false;
            }

            _last = (now, reachable);
            return reachable;
        }
    }
}
