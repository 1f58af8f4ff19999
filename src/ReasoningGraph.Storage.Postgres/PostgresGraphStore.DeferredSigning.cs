using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// Deferred audit signatures (<see cref="AuditSigningMode.Deferred"/>): a write signs its events within
/// <see cref="PostgresStoreOptions.InlineSigningBudget"/> or commits them with the signature pending
/// (<see cref="EventSigner"/>); <see cref="SignPendingAsync"/> fills them in later.
/// </summary>
public sealed partial class PostgresGraphStore : IDeferredAuditSigning
{
    /// <inheritdoc/>
    public Task<AuditLogStatus> GetAuditStatusAsync(CancellationToken cancellationToken = default) => PendingSignatures.StatusAsync(_db, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction: the oldest pending events are locked (<c>FOR UPDATE SKIP LOCKED</c>, so hosts running this at
    /// once sign different events), signed concurrently, and their signatures stored; a signer failure rolls back
    /// and leaves them pending. Only <c>signature</c> and <c>signer_id</c> change; the chain's bytes never do.
    /// </remarks>
    public async Task<int> SignPendingAsync(int maxEvents, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        var signer = _db.Signer();
        int signed;
        try
        {
            signed = await PendingSignatures.SignAsync(_db, maxEvents, signer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw _db.Unavailable(e);
        }

        _events.Answered(signed);
        return signed;
    }
}
