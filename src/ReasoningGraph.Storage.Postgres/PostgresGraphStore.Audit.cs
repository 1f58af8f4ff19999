using ReasoningGraph.Audit;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresGraphStore : IAuditLog
{
    /// <summary>
    /// Streams the graph's audit events ordered by <c>created_at</c>, exactly as the Kernel's verifier reads the
    /// table: the payload comes back through the <c>jsonb</c> column (keys reordered, whitespace added), which is
    /// why its keys are ASCII and its values strings, so its canonical form is unchanged.
    /// </summary>
    /// <param name="limit">At most this many events from the start of the chain; null for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events, streamed from one statement.</returns>
    public IAsyncEnumerable<AuditEvent> ReadAuditEventsAsync(long? limit = null, CancellationToken cancellationToken = default) =>
        AuditEventReader.ReadAsync(_db, limit, cancellationToken);

    /// <summary>Verifies the graph's audit chain from its first event (see <see cref="AuditChainVerifier"/>).</summary>
    /// <param name="verifier">Looks up public keys by signer id and checks signatures.</param>
    /// <param name="limit">Verify at most this many events from the start; null for all.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The verdict: valid, or the first bad event and why.</returns>
    public Task<AuditChainVerification> VerifyAuditChainAsync(IDigestVerifier verifier, long? limit = null, CancellationToken cancellationToken = default) =>
        new AuditChainVerifier(verifier).VerifyAsync(ReadAuditEventsAsync(limit, cancellationToken), cancellationToken);
}
