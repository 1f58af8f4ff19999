namespace ReasoningGraph.Audit;

/// <summary>
/// A store whose audit events may be written before they are signed: when the signer does not answer within the
/// write's budget, the event is chained in the write's own transaction (its hash, link and time are final) and its
/// signature is left pending, to be filled in later, in chain order, by <see cref="SignPendingAsync"/>. A background
/// worker calls it; several processes may, each claiming different events.
/// </summary>
public interface IDeferredAuditSigning
{
    /// <summary>The chain's head position, how many of its events await a signature, and since when.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The status.</returns>
    Task<AuditLogStatus> GetAuditStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxEvents"/> pending events (the oldest first; events another process has claimed
    /// are skipped), signs them and stores the signatures.
    /// </summary>
    /// <param name="maxEvents">At most this many events in one call.</param>
    /// <param name="cancellationToken">Cancels the work; claimed events are given back.</param>
    /// <returns>How many events were signed; 0 when none was pending.</returns>
    /// <exception cref="Errors.ReasoningGraphException">
    /// <c>SIGNING_FAILURE</c> when the signer fails (the events stay pending); <c>STORE_UNAVAILABLE</c>.
    /// </exception>
    Task<int> SignPendingAsync(int maxEvents, CancellationToken cancellationToken = default);
}

/// <summary>Where a graph's audit chain stands.</summary>
/// <param name="headPosition">The position of the last event (the number of events); 0 for an empty chain.</param>
/// <param name="pendingSignatures">How many events await a signature.</param>
/// <param name="oldestPending">The oldest pending one's time; null when none is pending.</param>
public sealed class AuditLogStatus(long headPosition, long pendingSignatures, DateTimeOffset? oldestPending)
{
    /// <summary>The position of the chain's last event; 0 for an empty chain.</summary>
    public long HeadPosition { get; } = headPosition;

    /// <summary>How many events await a signature.</summary>
    public long PendingSignatures { get; } = pendingSignatures;

    /// <summary>The oldest pending event's time; null when none is pending.</summary>
    public DateTimeOffset? OldestPending { get; } = oldestPending;
}
