using System.Text.Json;
using ReasoningGraph.Archive;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// <c>GET /ready</c>: 200 when the service can serve (the store answers and commits a write in time, both archives are
/// usable: <c>archive</c> for operator snapshots, <c>auditorArchive</c> for auditor ones), else 503; each check reports
/// <c>ok</c>, <c>failed: …</c> or <c>not configured</c>. <c>writes</c> is the write probe (<see cref="StoreWriteHealth"/>:
/// PostgreSQL, at most one per 5 s): a commit blocked waiting for a synchronous standby takes the pod out of service.
/// The signer is reported (<see cref="SignerHealth"/>: its last real signature, or a probe at most every 30 s) but
/// does not decide readiness; nor does the Kernel
/// (<see cref="KernelHealth"/>, with <c>KERNEL_API_URL</c>). Each archive's own probe decides its verdict (S3: the
/// bucket has Object Lock and a default retention; filesystem: the directory is writable).
/// </summary>
internal static class ReadyEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static void Map(WebApplication app) => app.MapGet("/ready", ReadyAsync).WithSummary("Readiness: store ping, write probe, signer probe, archive probes.");

    private static async Task<IResult> ReadyAsync(IReasoningGraphStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        var writesProbe = services.GetRequiredService<StoreWriteHealth>().StatusAsync();
        string storeStatus = await ProbeAsync(async () => await store.GetMaxSeqAsync(timeout.Token));
        string writesStatus = await writesProbe;
        string signerStatus = await services.GetRequiredService<SignerHealth>().StatusAsync();
        string kernelStatus = await services.GetRequiredService<KernelHealth>().StatusAsync();
        var archiveProbe = ArchiveStatusAsync(services.GetService<ISnapshotArchive>(), timeout.Token);
        var auditorArchiveProbe = ArchiveStatusAsync(services.GetKeyedService<ISnapshotArchive>(ArchiveConfiguration.AuditorKey), timeout.Token);
        string archiveStatus = await archiveProbe;
        string auditorArchiveStatus = await auditorArchiveProbe;

        // The signer is reported, not required: during its outage reads and writes go on and snapshots stay pending.
        bool ready = storeStatus == "ok" && !writesStatus.StartsWith("failed", StringComparison.Ordinal)
            && archiveStatus is ("ok" or "not configured") && auditorArchiveStatus is ("ok" or "not configured");
        return new EnvelopeResult(ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, ok: ready, writer =>
        {
            writer.WriteBoolean("ready", ready);
            writer.WriteString("store", storeStatus);
            writer.WriteString("writes", writesStatus);
            writer.WriteString("signer", signerStatus);
            writer.WriteString("kernel", kernelStatus);
            writer.WriteString("archive", archiveStatus);
            writer.WriteString("auditorArchive", auditorArchiveStatus);
        });
    }

    private static async Task<string> ArchiveStatusAsync(ISnapshotArchive? archive, CancellationToken cancellationToken)
    {
        if (archive is null)
        {
            return "not configured";
        }

        var probe = await archive.ProbeAsync(cancellationToken);
        return probe.IsReady ? "ok" : "failed: " + probe.Detail;
    }

    private static async Task<string> ProbeAsync(Func<Task> probe)
    {
        try
        {
            await probe();
            return "ok";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return "failed: " + e.Message;
        }
    }
}
