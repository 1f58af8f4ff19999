using ReasoningGraph.Archive;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// Finishes snapshots: signs those left pending by a failed signer and archives every signed one, exactly once across
/// all host instances. Work is claimed from the snapshot store's <see cref="ISnapshotWorkClaims"/> (PostgreSQL:
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease), so two hosts never sign or archive the same snapshot; a failure (signer
/// or archive) gives the snapshot back with a per-snapshot exponential backoff stored beside it, which restarts keep.
/// The in-memory store's queue is per process: with it, run one host. Between passes the worker waits the configured
/// interval; a snapshot taken by a request wakes it at once.
/// </summary>
internal sealed partial class SnapshotWorker(
    IServiceProvider services, SnapshotArchiveQueue queue, SnapshotWorkerSettings settings, SnapshotWorkerStatistics statistics,
    ILogger<SnapshotWorker> logger, TimeProvider? timeProvider = null) : BackgroundService
{
    private const int ClaimBatch = 100;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetRequiredService<ISnapshotStore>() is not ISnapshotWorkClaims work)
        {
            LogNoWorkQueue(logger);
            return;
        }

        int failedPasses = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(work, stoppingToken);
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

            await WaitAsync(settings.Delay(failedPasses), stoppingToken);
        }
    }

    /// <summary>One pass: claims due snapshots batch by batch until none is left.</summary>
    internal async Task RunOnceAsync(ISnapshotWorkClaims work, CancellationToken cancellationToken)
    {
        while (queue.Reader.TryRead(out _))
        {
            // Wake-up signals only: what to do is read from the store.
        }

        var archive = services.GetService<ISnapshotArchive>();
        var service = services.GetRequiredService<SnapshotService>();
        while (true)
        {
            var claimed = await work.ClaimAsync(new SnapshotClaimRequest
            {
                Limit = ClaimBatch, Now = _time.GetUtcNow(), Lease = settings.Lease, Grace = settings.Grace, IncludeUnarchived = archive is not null,
            }, cancellationToken);
            foreach (var item in claimed)
            {
                await ProcessAsync(work, service, archive, item, cancellationToken);
            }

            if (claimed.Count < ClaimBatch)
            {
                return;
            }
        }
    }

    /// <summary>Signs a claimed snapshot if it is pending, then archives it; a failure schedules its next attempt.</summary>
    private async Task ProcessAsync(ISnapshotWorkClaims work, SnapshotService service, ISnapshotArchive? archive, SnapshotWorkItem item, CancellationToken cancellationToken)
    {
        var snapshot = item.Snapshot;
        if (snapshot.Status == SnapshotStatus.Pending)
        {
            try
            {
                snapshot = await service.FinishAsync(snapshot, cancellationToken);
                statistics.Signed();
                LogSigned(logger, snapshot.Id, item.Attempts);
            }
            catch (ReasoningGraphException e) when (e.ErrorCode is ErrorCodes.SigningFailure or ErrorCodes.StoreUnavailable)
            {
                await RetryLaterAsync(work, item, e.ErrorCode, e.Message, cancellationToken);
                return;
            }
        }

        if (archive is null)
        {
            return;
        }

        try
        {
            // The document bytes exactly as signed and served: the archive reads its metadata from them.
            var receipt = await archive.PutAsync(ArchiveDocument.FromDocument(snapshot.Document), cancellationToken);
            statistics.Archived();
            LogArchived(logger, snapshot.Id, receipt.Location);
        }
        catch (ArchiveException e) when (e.Reason == ArchiveFailureReasons.AlreadyArchived)
        {
            // A worker that crashed after its put and before recording it: the copy is there, which is all that counts.
            statistics.FoundArchived();
        }
        catch (ArchiveException e)
        {
            await RetryLaterAsync(work, item, e.Reason, e.Message, cancellationToken);
            return;
        }

        await work.MarkArchivedAsync(snapshot.Id, _time.GetUtcNow(), cancellationToken);
    }

    private async Task RetryLaterAsync(ISnapshotWorkClaims work, SnapshotWorkItem item, string error, string message, CancellationToken cancellationToken)
    {
        var delay = settings.Backoff(item.Attempts);
        LogRetryLater(logger, item.Snapshot.Id, error, message, item.Attempts, delay.TotalSeconds);
        await work.RetryLaterAsync(item.Snapshot.Id, _time.GetUtcNow() + delay, error, cancellationToken);
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

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Signed pending snapshot {SnapshotId} (attempt {Attempts})")]
    private static partial void LogSigned(ILogger logger, Guid snapshotId, int attempts);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Archived snapshot {SnapshotId} at {Location}")]
    private static partial void LogArchived(ILogger logger, Guid snapshotId, string location);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Snapshot {SnapshotId} failed ({Error}): {Message}; attempt {Attempts}, next in {DelaySeconds:F1} s")]
    private static partial void LogRetryLater(ILogger logger, Guid snapshotId, string error, string message, int attempts, double delaySeconds);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "A snapshot worker pass failed; backing off")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "The snapshot store keeps no work queue; the snapshot worker does nothing")]
    private static partial void LogNoWorkQueue(ILogger logger);
}
