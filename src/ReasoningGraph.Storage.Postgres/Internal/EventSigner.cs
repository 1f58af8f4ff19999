using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Links a write's audit events to the chain and signs them. Inline mode (<see cref="AuditSigningMode.Inline"/>):
/// all of them, or <c>SIGNING_FAILURE</c>. Deferred mode: all of them within
/// <see cref="PostgresStoreOptions.InlineSigningBudget"/>, else every one comes back pending (never some: a write's
/// events are signed together). After one miss, writes stop waiting for the signer (a down signer would otherwise add
/// the budget to every write) until <see cref="Answered"/> reports that pending events were signed again.
/// </summary>
internal sealed class EventSigner(GraphDatabase db)
{
    private volatile bool _signerMissed;

    /// <summary>
    /// The audit event of every created item, continuing the chain from <paramref name="head"/>, signed (or pending).
    /// <paramref name="traceIdOf"/>: each item's request trace id when not the current activity's (a group).
    /// </summary>
    public Task<AuditEvent[]> LinkAndSignAsync(
        IReadOnlyList<GraphItem> created, IReadOnlyList<string> entityHashes, HeadState head, DateTimeOffset now, IDigestSigner signer,
        CancellationToken cancellationToken, Func<GraphItem, string?>? traceIdOf = null) =>
        SignAsync(AuditChain.LinkItemEvents(created, entityHashes, ActorOf, head.Chain, now, traceIdOf), signer, cancellationToken);

    /// <summary>Signs linked events as a write does: inline, or within the budget in deferred mode.</summary>
    public async Task<AuditEvent[]> SignAsync(AuditEvent[] linked, IDigestSigner signer, CancellationToken cancellationToken)
    {
        if (db.Options.AuditSigning == AuditSigningMode.Inline)
        {
            return await AuditChain.SignEventsAsync(linked, signer, cancellationToken).ConfigureAwait(false);
        }

        if (_signerMissed)
        {
            return linked;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(db.Options.InlineSigningBudget);
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
                Log.AuditSigningDeferred(db.Logger, db.GraphId, (int)db.Options.InlineSigningBudget.TotalMilliseconds, reason);
            }

            return linked;
        }
    }

    /// <summary>The background signer signed <paramref name="signed"/> pending events: the signer is back, writes sign inline again.</summary>
    public void Answered(int signed)
    {
        if (signed > 0 && _signerMissed)
        {
            _signerMissed = false;
            Log.AuditSigningResumed(db.Logger, db.GraphId, signed);
        }
    }

    private string ActorOf(GraphItem item) => item switch
    {
        ReasoningNode n => n.Author,
        ReasoningAnnotation a => a.Author,
        _ => db.Options.SystemActor,
    };
}
