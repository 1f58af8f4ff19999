using Microsoft.Extensions.Logging;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>Every log message of the package, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name}) to schema {Schema} in {Milliseconds} ms.")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string schema, long milliseconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Schema {Schema} is at version {Version}; no migration to apply.")]
    public static partial void MigrationsUpToDate(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Write to graph {GraphId} hit {SqlState}; retrying (attempt {Attempt}).")]
    public static partial void WriteRetried(ILogger logger, string graphId, string? sqlState, int attempt);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "The PostgreSQL store of graph {GraphId} is unavailable: {Reason} ({Failures} failed calls in the last {Seconds} s; reported at most every {Seconds} s). Requests answer 503 STORE_UNAVAILABLE until it is back; see docs/runbooks/store-degraded-restore.md.")]
    public static partial void StoreUnavailable(ILogger logger, string graphId, string reason, long failures, int seconds);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Imported {Created} new items ({Replayed} replays) into graph {GraphId}; max seq {MaxSeq}.")]
    public static partial void Imported(ILogger logger, long created, long replayed, string graphId, long maxSeq);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "A pooled connection of graph {GraphId} was dead ({Reason}); retrying on a fresh connection.")]
    public static partial void Reconnecting(ILogger logger, string graphId, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "A group commit of {Count} appends to graph {GraphId} failed ({Reason}); committing each on its own.")]
    public static partial void GroupFellBack(ILogger logger, string graphId, int count, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Schema {Schema} holds the audit chains of other graphs ({OtherGraphs}) beside graph {GraphId}. The Kernel's audit-verify reads every row of audit_events with no graph filter and will report these interleaved chains as broken. Give each graph whose chain the Kernel's tools verify a schema of its own (DATABASE_SCHEMA, or --schema).")]
    public static partial void SchemaSharedByChains(ILogger logger, string schema, string otherGraphs, string graphId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Schema {Schema} could not be migrated at start-up ({Reason}); the service starts without it (readiness fails until it is current) and retries every {Seconds} s. Check that DATABASE_URL reaches the primary.")]
    public static partial void MigrationDeferred(ILogger logger, string schema, string reason, int seconds);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Schema {Schema} is current after {Attempts} attempts; the store is ready.")]
    public static partial void MigrationCaughtUp(ILogger logger, string schema, int attempts);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Critical, Message = "Schema {Schema} cannot be migrated ({Reason}); the deferred migration stops and the store stays unready. Fix the cause, then restart or run 'reasoning-graph migrate'.")]
    public static partial void MigrationGaveUp(ILogger logger, string schema, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Audit signatures of graph {GraphId} are deferred: the signer did not sign within {BudgetMs} ms ({Reason}). Writes go on; their events are chained and committed with the signature pending, and the audit signature worker signs them, in chain order, when the signer answers again. See docs/runbooks/signer-outage.md.")]
    public static partial void AuditSigningDeferred(ILogger logger, string graphId, int budgetMs, string reason);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "The signer answers again: {Signed} pending audit signatures of graph {GraphId} signed; writes sign their events inline again.")]
    public static partial void AuditSigningResumed(ILogger logger, string graphId, int signed);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "Graph {GraphId}: {Control} turned {State} by {Actor} ({Reason}); recorded on the audit chain.")]
    public static partial void ControlChanged(ILogger logger, string graphId, string control, string state, string actor, string reason);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Reads of graph {GraphId} on the standbys failed ({Reason}); {Failures} read(s) in the last {IntervalSeconds} s were answered by the primary instead. Check the standbys named by the read connection string (DATABASE_READ_URL); see docs/SCALING.md, 'Reads on standbys'.")]
    public static partial void StandbyReadsFailing(ILogger logger, string graphId, string reason, long failures, int intervalSeconds);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message =
        "Writes to graph {GraphId} are blocked: a commit did not complete within {BoundSeconds} s (it waits on {WaitEvent}). Waiting on SyncRep means " +
        "no synchronous standby confirms commits (Patroni's synchronous_mode_strict with the standby away): every write waits, and readiness fails " +
        "until one is back. Bring the standby back, or turn synchronous_mode_strict off to accept writes held by one machine only; see {Runbook}, " +
        "\"Strict synchronous mode\".")]
    public static partial void WritesBlocked(ILogger logger, string graphId, double boundSeconds, string waitEvent, string runbook);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message =
        "Writes to graph {GraphId} commit again (the probe's commit took {Milliseconds} ms) after about {Seconds} s blocked; readiness passes for them again.")]
    public static partial void WritesUnblocked(ILogger logger, string graphId, long milliseconds, long seconds);
}
