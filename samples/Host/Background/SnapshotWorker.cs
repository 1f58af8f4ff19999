using ReasoningGraph.Archive;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// Runs a <see cref="SnapshotFinisher"/> on a timer: signs snapshots left pending by a failed signer and archives every
/// signed one, exactly once across all host instances, into the archive of its audience (<see cref="SnapshotArchives"/>:
/// auditor snapshots only into the auditor archive). Work is claimed from the snapshot store's
/// <see cref="ISnapshotWorkClaims"/> (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c> and a lease), so two hosts never sign
/// or archive the same snapshot; a failure gives the snapshot back with a per-snapshot exponential backoff stored
/// beside it, which restarts keep. The in-memory store's claims live in its one process: with it, run one host.
/// Between passes the worker waits the configured interval (doubling while whole passes fail); a snapshot taken by a
/// request wakes it at once.
/// </summary>
internal sealed partial class SnapshotWorker(
    IServiceProvider services, SnapshotArchiveQueue queue, SnapshotWorkerOptions options, SnapshotWorkerStatistics statistics,
    ILogger<SnapshotWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetRequiredService<ISnapshotStore>() is not ISnapshotWorkClaims claims)
        {
            LogNoWorkClaims(logger);
            return;
        }

        var finisher = new SnapshotFinisher(claims, services.GetRequiredService<SnapshotService>(), services.GetRequiredService<SnapshotArchives>(), services.GetService<TimeProvider>())
        {
            Lease = options.Lease, Grace = options.Grace, RetryBaseDelay = options.Interval, RetryMaxDelay = options.MaxInterval,
        };
        int failedPasses = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            while (queue.Reader.TryRead(out _))
            {
                // Wake-up calls only: what to do is read from the store.
            }

            try
            {
                var pass = await finisher.RunPassAsync(stoppingToken);
                statistics.Add(pass);
                if (pass.SignedCount + pass.ArchivedCount + pass.FailedCount > 0)
                {
                    LogPass(logger, pass.SignedCount, pass.ArchivedCount, pass.FoundArchivedCount, pass.FailedCount, pass.LastError);
                }

                failedPasses = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The worker must outlive a bad pass (store down, a bug): log, back off, go on.
                failedPasses++;
                LogPassFailed(logger, e);
            }

            await WaitAsync(options.Delay(failedPasses), stoppingToken);
        }
    }

    /// <summary>Sleeps until the delay is over or a snapshot taken by a request is queued.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(delay);
        try
        {
            await queue.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The interval is over (or the host stops: the loop checks).
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information,
        Message = "Snapshot worker: {Signed} signed, {Archived} archived ({FoundArchived} found archived already), {Failed} failed and scheduled again (last error {LastError})")]
    private static partial void LogPass(ILogger logger, int signed, int archived, int foundArchived, int failed, string? lastError);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "A snapshot worker pass failed; backing off")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "The snapshot store keeps no work list; the snapshot worker does nothing")]
    private static partial void LogNoWorkClaims(ILogger logger);
}
