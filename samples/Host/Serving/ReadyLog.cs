using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The operator's account of <c>/ready</c>, whose body shows only coarse descriptions: one line when a component starts
/// failing (its description, the exception the check attached, and what to do) and one when it is ok again, not one per
/// probe however often the load balancer asks. ASP.NET Core's own line per failing check per probe is filtered out
/// (<see cref="Logs"/>) unless <c>Logging:LogLevel</c> configures it. A write probe blocked on a commit has its own line
/// (the store's event 3030), so only a write probe that failed with an exception is logged here.
/// </summary>
internal sealed partial class ReadyLog(ILogger<ReadyLog> logger, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _failingSince = [];

    /// <summary>Logs each component whose state changed since the last report.</summary>
    public void Observe(HealthReport report)
    {
        var now = time.GetUtcNow();
        foreach (var (name, entry) in report.Entries)
        {
            bool failing = entry.Status != HealthStatus.Healthy;
            DateTimeOffset? since;
            lock (_gate)
            {
                since = _failingSince.TryGetValue(name, out var at) ? at : null;
                if (failing && since is null)
                {
                    _failingSince[name] = now;
                }
                else if (!failing && since is not null)
                {
                    _failingSince.Remove(name);
                }
            }

            if (failing && since is null && !(name == HealthRegistration.Writes && entry.Exception is null))
            {
                Failing(logger, name, entry.Status, entry.Description ?? "no description", Advice(name), entry.Exception);
            }
            else if (!failing && since is { } start)
            {
                Recovered(logger, name, (long)(now - start).TotalSeconds);
            }
        }
    }

    private static string Advice(string name) => name switch
    {
        HealthRegistration.Store => "Requests answer 503 STORE_UNAVAILABLE meanwhile. Check that DATABASE_URL reaches the database; see docs/runbooks/store-degraded-restore.md.",
        HealthRegistration.Writes => "Readiness fails meanwhile. Check that DATABASE_URL reaches the primary; see docs/runbooks/postgres-failover.md.",
        HealthRegistration.Signer => "Snapshots and audit signatures wait until it signs again; reads and writes go on. See docs/runbooks/signer-outage.md.",
        HealthRegistration.Kernel => "Turn the service read-only while the Kernel is away; see docs/runbooks/hold-and-read-only.md.",
        HealthRegistration.Archive or HealthRegistration.AuditorArchive =>
            "Snapshots for it wait until it takes writes. Check its directory (ARCHIVE_DIR, AUDITOR_ARCHIVE_DIR) or S3 bucket; see docs/runbooks/snapshot-creation-failure.md.",
        _ => "See docs/runbooks/service-down.md.",
    };

    [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Readiness: {Component} is {Status}: {Description}. {Advice} (Logged once until it is ok again.)")]
    private static partial void Failing(ILogger logger, string component, HealthStatus status, string description, string advice, Exception? exception);

    [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "Readiness: {Component} is ok again after about {Seconds} s.")]
    private static partial void Recovered(ILogger logger, string component, long seconds);
}
