using System.Diagnostics.Metrics;
using ReasoningGraph.Host.Background;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The host's own instruments, all exported from start-up: requests refused by the rate limiter, what the snapshot
/// worker signed, archived and failed, the audit signatures pending, the log checkpoints stored and failed, and how long the server certificate and the client CA remain valid (an
/// expired certificate is an outage that can be seen weeks ahead).
/// </summary>
internal sealed class HostMetrics
{
    private long _rateLimited;

    public HostMetrics(
        IMeterFactory meters, SnapshotWorkerStatistics worker, GraphStatus status, Api.WriteGuard writes, bool archiveConfigured, Security.TlsMaterial tls, TimeProvider time,
        VerifiableLog.CheckpointProducer checkpoints)
    {
        var meter = meters.Create(Api.CausalTraceCache.MeterName);
        meter.CreateObservableCounter("reasoning_graph.host.rate_limited", () => Volatile.Read(ref _rateLimited),
            description: "Requests refused with 429 RATE_LIMITED.");
        meter.CreateObservableCounter("reasoning_graph.host.snapshot_worker.signed", () => worker.SignedCount,
            description: "Pending snapshots the background worker signed.");
        meter.CreateObservableCounter("reasoning_graph.host.snapshot_worker.archived", () => worker.ArchivedCount,
            description: "Snapshots the background worker put into the archive.");
        meter.CreateObservableCounter("reasoning_graph.host.snapshot_worker.failures", () => worker.FailedCount,
            description: "Snapshots the background worker could not sign or archive in a pass (retried later).");
        meter.CreateObservableGauge("reasoning_graph.host.audit_signatures.pending", () => status.Audit?.PendingSignatures ?? 0,
            description: "Audit events chained and committed whose signature is pending (the signer was down); the worker signs them when it is back.");
        meter.CreateObservableGauge("reasoning_graph.host.audit_signature.oldest_pending", () => Age(status.Audit?.OldestPending, time), unit: "s",
            description: "Age of the oldest audit event awaiting its signature; 0 when none is pending.");
        meter.CreateObservableCounter("reasoning_graph.host.audit_signatures.signed", () => status.SignaturesFilled,
            description: "Pending audit signatures this host filled in.");
        meter.CreateObservableGauge("reasoning_graph.host.audit_head_position", () => status.Audit?.HeadPosition ?? 0,
            description: "The position of the graph's last audit event (0 with the embedded store, which does not report it).");
        meter.CreateObservableGauge("reasoning_graph.host.signing_hold", () => status.Controls.SigningHold is null ? 0 : 1,
            description: "1 while an operator holds snapshot signing (reasoning-graph signing hold).");
        meter.CreateObservableGauge("reasoning_graph.host.read_only", () => writes.ReadOnly ? 1 : 0,
            description: "1 while writes are refused with READ_ONLY (READ_ONLY=true or the read-only switch).");
        meter.CreateObservableGauge("reasoning_graph.host.snapshots_unsigned", () => Unsigned(status),
            description: "Snapshots not signed, by status: pending (to sign) and on_hold (signing held).");
        if (archiveConfigured)
        {
            meter.CreateObservableGauge("reasoning_graph.host.archive_oldest_unarchived", () => Age(status.Snapshots?.OldestUnarchived, time), unit: "s",
                description: "Age of the oldest signed snapshot not yet in the archive; 0 when every one is archived.");
        }
        meter.CreateObservableCounter("reasoning_graph.host.log_checkpoint.stored", () => checkpoints.StoredCount,
            description: "Signed checkpoints of the audit log this host stored (0 while LOG_CHECKPOINT_* are off).");
        meter.CreateObservableCounter("reasoning_graph.host.log_checkpoint.failures", () => checkpoints.FailureCount,
            description: "Attempts to store a log checkpoint that failed (retried; docs/runbooks/verifiable-log.md).");

        meter.CreateObservableGauge("reasoning_graph.host.certificate_expiry", () => Expiries(tls, time), unit: "s",
            description: "Seconds until a certificate expires (negative: expired), by certificate: server, client_ca.");
    }

    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    private static double Age(DateTimeOffset? since, TimeProvider time) => since is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : 0;

    private static IEnumerable<Measurement<long>> Unsigned(GraphStatus status)
    {
        yield return new Measurement<long>(status.Snapshots?.Pending ?? 0, new KeyValuePair<string, object?>("status", "pending"));
        yield return new Measurement<long>(status.Snapshots?.OnHold ?? 0, new KeyValuePair<string, object?>("status", "on_hold"));
    }

    /// <summary>From the material in force now, so a rotated certificate moves the gauge without a restart.</summary>
    private static IEnumerable<Measurement<double>> Expiries(Security.TlsMaterial tls, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (tls.ServerExpiry is { } server)
        {
            yield return new Measurement<double>((server - now).TotalSeconds, new KeyValuePair<string, object?>("certificate", "server"));
        }

        if (tls.CaExpiry is { } clientCa)
        {
            yield return new Measurement<double>((clientCa - now).TotalSeconds, new KeyValuePair<string, object?>("certificate", "client_ca"));
        }
    }
}
