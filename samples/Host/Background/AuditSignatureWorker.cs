using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// Fills in the audit signatures a store left pending during a signer outage (<see cref="IDeferredAuditSigning"/>):
/// every <see cref="Interval"/> it signs the backlog, if any, in chain order, <see cref="BatchSize"/> events per
/// transaction (the <see cref="GraphStatusPoller"/> reports its size). Several hosts may run it at once: each
/// claims different events. While the signer keeps failing it backs off, doubling up to <see cref="MaxInterval"/>,
/// and says so once per outage, not once per attempt.
/// </summary>
internal sealed partial class AuditSignatureWorker(IServiceProvider services, GraphStatus status, TimeProvider time, ILogger<AuditSignatureWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetRequiredService<IReasoningGraphStore>() is not IDeferredAuditSigning store)
        {
            return; // the embedded store signs every event inline: nothing is ever pending
        }

        int failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SignBacklogAsync(store, stoppingToken);
                if (failures > 0)
                {
                    LogRecovered(logger, failures);
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (failures++ == 0)
                {
                    // Once per outage: the gauge and /health show its extent meanwhile.
                    LogFailing(logger, status.Audit?.PendingSignatures ?? 0, e is ReasoningGraphException r ? r.ErrorCode : e.GetType().Name, e.Message);
                }
            }

            var delay = TimeSpan.FromTicks(Math.Min(MaxInterval.Ticks, Interval.Ticks << Math.Min(failures, 5)));
            await Task.Delay(delay, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private async Task SignBacklogAsync(IDeferredAuditSigning store, CancellationToken stoppingToken)
    {
        long signed = 0;
        int batch;
        do
        {
            batch = await store.SignPendingAsync(BatchSize, stoppingToken);
            signed += batch;
            status.SignaturesSigned(batch);
        }
        while (batch == BatchSize);

        if (signed > 0)
        {
            var after = await store.GetAuditStatusAsync(stoppingToken);
            status.SetAudit(after);
            LogSigned(logger, signed, after.PendingSignatures);
        }
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Audit signature worker: {Signed} pending audit signatures signed ({Remaining} still pending)")]
    private static partial void LogSigned(ILogger logger, long signed, long remaining);

    [LoggerMessage(EventId = 411, Level = LogLevel.Error,
        Message = "Audit signature worker: {Pending} audit events await a signature and the signer fails ({Code}: {Reason}). Writes go on with their signatures pending; retrying with back-off up to 30 s. See docs/runbooks/signer-outage.md.")]
    private static partial void LogFailing(ILogger logger, long pending, string code, string reason);

    [LoggerMessage(EventId = 412, Level = LogLevel.Information, Message = "Audit signature worker: working again after {Failures} failed attempts")]
    private static partial void LogRecovered(ILogger logger, int failures);
}
