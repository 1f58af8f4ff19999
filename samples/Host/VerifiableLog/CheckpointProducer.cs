using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// Stores signed checkpoints of the audit log (<see cref="ICheckpointStore"/>) as <see cref="CheckpointOptions"/> says:
/// when the interval has passed since the latest stored one and the chain has grown, or as soon as it has grown by the
/// event count. Each stored checkpoint appends its own audit event, after the events it covers; that event is not counted
/// as growth, so an idle log is not checkpointed over and over. Several hosts may run it: the store keeps one checkpoint
/// per size and refuses one no larger than the latest (the loser's work is dropped).
/// </summary>
/// <remarks>
/// While the service is read-only (<paramref name="readOnly"/>: the setting or the operators' switch) it stores nothing:
/// a stored checkpoint appends an audit event, and read-only means the chain does not change.
/// </remarks>
internal sealed partial class CheckpointProducer(
    PublishedLog log, CheckpointOptions options, TimeProvider time, ILogger<CheckpointProducer> logger, Func<bool> readOnly)
    : BackgroundService
{
    /// <summary>The <c>actor</c> of the checkpoints' audit events.</summary>
    public const string Actor = "reasoning-graph";

    private long _stored;
    private long _failures;

    /// <summary>Checkpoints this host stored (the <c>log_checkpoint.stored</c> counter).</summary>
    public long StoredCount => Interlocked.Read(ref _stored);

    /// <summary>Attempts that failed (the <c>log_checkpoint.failures</c> counter; docs/runbooks/verifiable-log.md).</summary>
    public long FailureCount => Interlocked.Read(ref _failures);

    /// <summary>
    /// Whether a checkpoint is due: the chain holds <paramref name="count"/> events and <paramref name="latest"/> is the
    /// latest stored checkpoint. Growth is counted past the latest checkpoint's own audit event.
    /// </summary>
    public static bool IsDue(CheckpointOptions options, long count, StoredCheckpoint? latest, DateTimeOffset now)
    {
        long grown = latest is null ? count : count - latest.TreeSize - 1;
        if (grown <= 0)
        {
            return false;
        }

        return (options.EveryEvents > 0 && grown >= options.EveryEvents)
            || (options.Interval > TimeSpan.Zero && (latest is null || now - latest.CreatedAt >= options.Interval));
    }

    /// <summary>Stores a checkpoint of the whole chain when one is due; the stored checkpoint, or null when none was (not due, or another host was first).</summary>
    public async Task<StoredCheckpoint?> ProduceIfDueAsync(ICheckpointStore store, CancellationToken cancellationToken)
    {
        long count = await store.CountAuditEventsAsync(cancellationToken);
        var latest = await store.GetLatestCheckpointAsync(cancellationToken);
        if (!IsDue(options, count, latest, time.GetUtcNow()))
        {
            return null;
        }

        using var tree = await log.OpenAsync(cancellationToken);
        if (tree.Size == 0 || (latest is not null && tree.Size <= latest.TreeSize))
        {
            return null;
        }

        var checkpoint = await tree.CheckpointAsync(log.Origin, cancellationToken);
        if (latest is not null)
        {
            await CheckExtendsAsync(tree, latest, checkpoint, cancellationToken);
        }

        string note = log.Sign(checkpoint);
        string lastEventHash = Convert.ToHexStringLower(await tree.LastEventHashAsync(cancellationToken));
        var stored = await store.StoreCheckpointAsync(tree.Size, lastEventHash, note, Actor, cancellationToken);
        if (stored is not null)
        {
            Interlocked.Increment(ref _stored);
            LogStored(logger, stored.TreeSize, stored.AuditEventId);
        }

        return stored;
    }

    /// <summary>
    /// Refuses to sign a checkpoint that does not extend the latest stored one: the tree's root is computed from stored
    /// interior hashes, and a log that signed two inconsistent checkpoints would be caught equivocating by its witnesses.
    /// </summary>
    private static async Task CheckExtendsAsync(LogTree tree, StoredCheckpoint latest, LogCheckpoint next, CancellationToken cancellationToken)
    {
        int end = latest.SignedNote.IndexOf("\n\n", StringComparison.Ordinal);
        var previous = LogCheckpoint.Parse(end < 0 ? latest.SignedNote : latest.SignedNote[..(end + 1)]);
        var proof = await tree.ConsistencyProofAsync(previous.TreeSize, next.TreeSize, cancellationToken);
        if (!MerkleLog.VerifyConsistency(previous.TreeSize, next.TreeSize, previous.RootHash.Span, next.RootHash.Span, proof.Hashes))
        {
            throw new ReasoningGraphException(ErrorCodes.StoreUnavailable,
                $"The log's tree of {next.TreeSize} events does not extend the latest stored checkpoint of {previous.TreeSize}: nothing is signed. " +
                "Check the chain with 'reasoning-graph audit-verify --checkpoint' and see docs/runbooks/verifiable-log.md.")
            {
                Details = new Dictionary<string, string> { ["reason"] = "checkpoint-inconsistent" },
            };
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled || log.Stored is not { } store)
        {
            return;
        }

        try
        {
            _ = log.Key();
        }
        catch (ReasoningGraphException e)
        {
            LogCannotSign(logger, e.Message);
            return;
        }

        bool failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!readOnly())
                {
                    await ProduceIfDueAsync(store, stoppingToken);
                }

                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _failures);
                if (!failing)
                {
                    LogFailing(logger, e is ReasoningGraphException r ? r.ErrorCode : e.GetType().Name, e.Message);
                }

                failing = true;
            }

            await Task.Delay(options.Poll, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(EventId = 440, Level = LogLevel.Information, Message = "Log checkpoint of {TreeSize} events stored (audit event {AuditEventId})")]
    private static partial void LogStored(ILogger logger, long treeSize, Guid auditEventId);

    [LoggerMessage(EventId = 441, Level = LogLevel.Error, Message = "Log checkpoints are configured but cannot be signed, none will be stored: {Reason}")]
    private static partial void LogCannotSign(ILogger logger, string reason);

    [LoggerMessage(EventId = 442, Level = LogLevel.Warning, Message = "Log checkpoint producer failing ({ErrorCode}): {Message}; retrying each interval, logged once until it works again")]
    private static partial void LogFailing(ILogger logger, string errorCode, string message);
}
