using ReasoningGraph.Archive;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// Finishes snapshots left pending by a failed signer (<see cref="SnapshotService.RetryPendingAsync"/>, which backs
/// off between its own passes) and archives every snapshot it sees signed. Between passes it waits the configured
/// interval, doubling after a pass that left work undone; a snapshot signed by a request wakes it at once. Several
/// host instances may run it together: the snapshot store signs a snapshot once however many finishers race, and the
/// archive refuses a second copy (<c>already-archived</c>), which the worker counts as done.
/// </summary>
internal sealed partial class SnapshotWorker(
    IServiceProvider services, SnapshotArchiveQueue queue, SnapshotWorkerSettings settings, ILogger<SnapshotWorker> logger) : BackgroundService
{
    private const int PendingBatch = 100;

    /// <summary>Snapshots whose archiving failed, tried again on the next pass.</summary>
    private readonly HashSet<Guid> _unarchived = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int failedPasses = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                failedPasses = await RunOnceAsync(stoppingToken) ? 0 : failedPasses + 1;
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

    /// <summary>One pass; true when nothing was left undone.</summary>
    private async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ISnapshotStore>();
        var pending = await store.ListPendingAsync(PendingBatch, cancellationToken);
        bool done = true;
        if (pending.Count > 0)
        {
            var result = await services.GetRequiredService<SnapshotService>().RetryPendingAsync(cancellationToken);
            LogRetried(logger, result.Completed, result.StillPending, result.LastError);
            done = result.StillPending == 0;
            _unarchived.UnionWith(pending.Select(p => p.Id));
        }

        while (queue.Reader.TryRead(out var id))
        {
            _unarchived.Add(id);
        }

        if (services.GetService<ISnapshotArchive>() is not { } archive)
        {
            _unarchived.Clear();
            return done;
        }

        foreach (var id in _unarchived.ToList())
        {
            if (await ArchiveAsync(store, archive, id, cancellationToken))
            {
                _unarchived.Remove(id);
            }
            else
            {
                done = false;
            }
        }

        return done;
    }

    /// <summary>Archives one snapshot once it is signed; false when it must be tried again later.</summary>
    private async Task<bool> ArchiveAsync(ISnapshotStore store, ISnapshotArchive archive, Guid id, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(id, cancellationToken);
        if (stored is null)
        {
            return true;
        }

        if (stored.Status != SnapshotStatus.Signed)
        {
            return false;
        }

        try
        {
            // The document bytes exactly as signed and served: the archive reads its metadata from them.
            var receipt = await archive.PutAsync(ArchiveDocument.FromDocument(stored.Document), cancellationToken);
            LogArchived(logger, id, receipt.Location);
            return true;
        }
        catch (ArchiveException e) when (e.Reason == ArchiveFailureReasons.AlreadyArchived)
        {
            return true;
        }
        catch (ArchiveException e)
        {
            LogArchiveFailed(logger, id, e.Reason, e.Message);
            return false;
        }
    }

    /// <summary>Sleeps until the delay is over or a freshly signed snapshot is queued.</summary>
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

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Pending snapshots: {Completed} signed, {StillPending} still pending (last error {LastError})")]
    private static partial void LogRetried(ILogger logger, int completed, int stillPending, string? lastError);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Archived snapshot {SnapshotId} at {Location}")]
    private static partial void LogArchived(ILogger logger, Guid snapshotId, string location);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Archiving snapshot {SnapshotId} failed ({Reason}): {Message}; will retry")]
    private static partial void LogArchiveFailed(ILogger logger, Guid snapshotId, string reason, string message);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "A snapshot worker pass failed; backing off")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
