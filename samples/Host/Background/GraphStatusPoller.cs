using ReasoningGraph.Audit;
using ReasoningGraph.Controls;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// Reads the graph's switches, audit status and snapshot backlog into <see cref="GraphStatus"/> every
/// <see cref="Interval"/>: how a switch turned by another host (or the CLI) reaches this one within about a second.
/// While the store cannot be read the last values stay and the failure is logged once, not every second.
/// </summary>
internal sealed partial class GraphStatusPoller(IServiceProvider services, GraphStatus status, TimeProvider time, ILogger<GraphStatusPoller> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Reads everything once (the first pass runs as the host starts).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IReasoningGraphStore>() is IGraphControls controls)
        {
            status.SetControls(await controls.GetControlsAsync(cancellationToken));
        }

        if (services.GetRequiredService<IReasoningGraphStore>() is IDeferredAuditSigning audit)
        {
            status.SetAudit(await audit.GetAuditStatusAsync(cancellationToken));
        }

        if (services.GetRequiredService<ISnapshotStore>() is ISnapshotBacklog snapshots)
        {
            status.SetSnapshots(await snapshots.GetBacklogAsync(cancellationToken));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!failing)
                {
                    LogFailing(logger, e.Message);
                }

                failing = true;
            }

            await Task.Delay(Interval, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Warning,
        Message = "The graph's status (operator switches, audit and snapshot backlogs) cannot be read: {Reason}. The last values stay in force until the store answers again.")]
    private static partial void LogFailing(ILogger logger, string reason);
}
