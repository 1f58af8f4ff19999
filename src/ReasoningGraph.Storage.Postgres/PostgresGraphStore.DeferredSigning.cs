using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// Deferred audit signatures (<see cref="AuditSigningMode.Deferred"/>): a write signs its events within
/// <see cref="PostgresStoreOptions.InlineSigningBudget"/> or commits them with the signature pending. After one miss,
/// writes stop waiting for the signer (a down signer would otherwise add the budget to every write, inside the head
/// lock) until <see cref="SignPendingAsync"/> has signed pending events again, which shows the signer is back.
/// </summary>
public sealed partial class PostgresGraphStore : IDeferredAuditSigning
{
    private volatile bool _signerMissed;

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

        if (signed > 0 && _signerMissed)
        {
            _signerMissed = false;
            Log.AuditSigningResumed(_db.Logger, GraphId, signed);
        }

        return signed;
    }

    /// <summary>
    /// Signs one write's linked events. Inline mode: all of them, or <c>SIGNING_FAILURE</c>. Deferred mode: all of
    /// them within the budget, else every one comes back pending (never some: a write's events are signed together).
    /// </summary>
    private async Task<AuditEvent[]> SignForWriteAsync(AuditEvent[] linked, IDigestSigner signer, CancellationToken cancellationToken)
    {
        if (_db.Options.AuditSigning == AuditSigningMode.Inline)
        {
            return await AuditChain.SignEventsAsync(linked, signer, cancellationToken).ConfigureAwait(false);
        }

        if (_signerMissed)
        {
            return linked;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_db.Options.InlineSigningBudget);
        try
        {
            return await AuditChain.SignEventsAsync(linked, signer, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is ReasoningGraphException or OperationCanceledException)
        {
            if (!_signerMissed)
            {
                _signerMissed = true;
                string reason = e is OperationCanceledException ? "no answer within the budget" : e.Message;
                Log.AuditSigningDeferred(_db.Logger, GraphId, (int)_db.Options.InlineSigningBudget.TotalMilliseconds, reason);
            }

            return linked;
        }
    }
}
