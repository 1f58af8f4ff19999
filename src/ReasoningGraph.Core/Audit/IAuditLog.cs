namespace ReasoningGraph.Audit;

/// <summary>A store that keeps the INTEROP §4 audit chain: every write (and snapshot) recorded as a signed, hash-linked event.</summary>
public interface IAuditLog
{
    /// <summary>The chain's events in order (oldest first).</summary>
    /// <param name="limit">At most this many events; all when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events, streamed.</returns>
    IAsyncEnumerable<AuditEvent> ReadAuditEventsAsync(long? limit = null, CancellationToken cancellationToken = default);
}
