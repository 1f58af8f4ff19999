namespace ReasoningGraph.Audit;

/// <summary>
/// A store whose audit events may be written before they are signed: when the signer does not answer within the
/// write's budget, the event is chained in the write's own transaction (its hash, link and time are final) and its
/// signature is left pending, to be filled in later, in chain order, by <see cref="SignPendingAsync"/>. A background
/// worker calls it; several processes may, each claiming different events.
/// </summary>
public interface IDeferredAuditSigning
{
    /// <summary>How many events of the graph await a signature, and since when.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The backlog.</returns>
    Task<PendingAuditSignatures> GetPendingSignaturesAsync(CancellationToken cancellationToken = default);

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

/// <summary>The audit events awaiting a signature.</summary>
/// <param name="count">How many.</param>
/// <param name="oldest">The oldest one's time; null when none is pending.</param>
public sealed class PendingAuditSignatures(long count, DateTimeOffset? oldest)
{
    /// <summary>How many events await a signature.</summary>
    public long Count { get; } = count;

    /// <summary>The oldest pending event's time; null when none is pending.</summary>
    public DateTimeOffset? Oldest { get; } = oldest;
}
