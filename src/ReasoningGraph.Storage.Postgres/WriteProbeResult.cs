namespace ReasoningGraph.Storage.Postgres;

/// <summary>What <see cref="PostgresWriteProbe.ProbeAsync"/> saw: whether a write committed within its bound.</summary>
public sealed class WriteProbeResult
{
    /// <summary>The wait event of a session whose commit waits for a synchronous standby to confirm it.</summary>
    public const string SyncRepWaitEvent = "SyncRep";

    /// <summary>Creates a result.</summary>
    /// <param name="committed">Whether the write committed within the bound.</param>
    /// <param name="elapsed">How long the commit took, or how long it had waited when the bound expired.</param>
    /// <param name="waitEvent">What the session waited for when the bound expired (<c>pg_stat_activity.wait_event</c>); null when it committed or is unknown.</param>
    public WriteProbeResult(bool committed, TimeSpan elapsed, string? waitEvent = null)
    {
        Committed = committed;
        Elapsed = elapsed;
        WaitEvent = committed ? null : waitEvent;
    }

    /// <summary>Whether the write committed within the bound.</summary>
    public bool Committed { get; }

    /// <summary>How long the commit took, or how long it had waited when the bound expired.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// When the write did not commit in time: what its session was waiting for then (<c>pg_stat_activity.wait_event</c>,
    /// e.g. <see cref="SyncRepWaitEvent"/>); null when it committed, or when the wait could not be read.
    /// </summary>
    public string? WaitEvent { get; }

    /// <summary>
    /// The commit was waiting for a synchronous standby: with <c>synchronous_mode_strict</c> (Patroni) or a
    /// <c>synchronous_standby_names</c> no connected standby matches, every write waits like this until one is back.
    /// </summary>
    public bool WaitsForSynchronousReplication => string.Equals(WaitEvent, SyncRepWaitEvent, StringComparison.Ordinal);
}
